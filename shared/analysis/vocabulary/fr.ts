import type { PlaceKind, PlaceWord, RoleWord, VocabularySource } from './types.ts';
import type { Setting } from '../types.ts';

/** "phare=lighthouse" entries: French key, English wording. */
const place = (kind: PlaceKind, setting: Setting, words: string): Record<string, PlaceWord> =>
  Object.fromEntries(
    words.split(',').map((w) => {
      const [key, english] = w.trim().split('=') as [string, string];
      return [key, { english, kind, setting }];
    }),
  );

const roles = (gender: 'female' | 'male' | null, words: string): Record<string, RoleWord> =>
  Object.fromEntries(
    words.split(',').map((w) => {
      const [key, english] = w.trim().split('=') as [string, string];
      return [key, { english, gender }];
    }),
  );

const pairs = (words: string): Record<string, string> =>
  Object.fromEntries(words.split(',').map((w) => w.trim().split('=') as [string, string]));

const list = (words: string): string[] => words.split(',').map((w) => w.trim());

/** JavaScript's \\b only knows ASCII letters ("soirée\\b" never matches): a Unicode end of word. */
const END = '(?![\\p{L}\\p{N}])';
const TIME =
  '(?:aube|aurore|point du jour|lever du (?:jour|soleil)|matin|matinée|midi|après-midi|coucher du soleil|crépuscule|tombée (?:de la nuit|du jour|du soir)|soir|soirée|nuit|minuit)';

export const fr: VocabularySource = {
  language: 'fr',
  // French narration runs at fewer words per minute than English (longer words, liaisons).
  speakingWordsPerMinute: 135,
  readingWordsPerMinute: 214,
  functionWords: list(
    'le,la,les,l,un,une,des,du,de,d,au,aux,et,ou,mais,donc,or,ni,car,que,qu,qui,quoi,dont,où,si,' +
      'ce,cet,cette,ces,ça,cela,ceci,il,ils,elle,elles,on,je,j,tu,nous,vous,me,m,te,t,se,s,lui,leur,' +
      'leurs,eux,mon,ma,mes,ton,ta,tes,son,sa,ses,notre,nos,votre,vos,y,en,dans,sur,sous,avec,sans,' +
      'pour,par,chez,vers,entre,depuis,pendant,avant,après,contre,comme,quand,lorsque,puis,alors,' +
      'ensuite,enfin,aussi,encore,déjà,toujours,jamais,ne,pas,plus,moins,très,trop,bien,tout,tous,' +
      'toute,toutes,chaque,même,autre,autres,aucun,aucune,quel,quelle,quels,quelles,est,était,sont,' +
      'étaient,être,a,ai,as,avait,avaient,avoir,fut,furent,sera,serait,oui,non,ah,oh,voici,voilà,' +
      'là,ici,maintenant,soudain,demain,hier,bonjour,merci,chapitre,partie,livre,scène,acte,' +
      'prologue,épilogue,maman,papa,monsieur,madame,dieu,seigneur',
  ),
  detectionWords: list(
    "le,la,les,des,du,une,et,est,il,elle,dans,qui,que,au,aux,pour,pas,sur,ne,se,sa,ses,avec,ils,était,nous,vous,cette,mais,où,je,tu,d'un,d'une,c'est,l'on,leur,lui,été",
  ),
  places: {
    ...place(
      'building',
      'interior',
      'phare=lighthouse,château=castle,palais=palace,maison=house,chaumière=cottage,cabane=hut,' +
        'hutte=hut,église=church,cathédrale=cathedral,chapelle=chapel,temple=temple,tour=tower,' +
        'école=school,hôpital=hospital,gare=station,boutique=shop,magasin=store,restaurant=restaurant,' +
        'café=café,bar=bar,auberge=inn,taverne=tavern,hôtel=hotel,usine=factory,entrepôt=warehouse,' +
        'grange=barn,moulin=mill,bibliothèque=library,musée=museum,théâtre=theatre,prison=prison,' +
        'appartement=apartment,manoir=manor,ferme=farmhouse,atelier=workshop,laboratoire=laboratory,' +
        'boulangerie=bakery,tente=tent,forteresse=fortress,monastère=monastery,banque=bank,cinéma=cinema,' +
        'immeuble=building,studio=studio',
    ),
    ...place(
      'vehicle',
      'interior',
      'camionnette=van,voiture=car,camion=truck,bus=bus,train=train,navire=ship,bateau=boat,' +
        'avion=plane,taxi=taxi,carrosse=carriage,charrette=cart,roulotte=caravan,vaisseau=spaceship,' +
        'sous-marin=submarine',
    ),
    ...place(
      'part',
      'interior',
      'pièce=room,salle=hall,chambre=bedroom,cuisine=kitchen,salon=living room,grenier=attic,' +
        'cave=cellar,sous-sol=basement,couloir=corridor,escalier=staircase,escaliers=stairs,' +
        'salle du trône=throne room,salle de classe=classroom,bureau=office,cachot=dungeon,crypte=crypt,' +
        'hall=hall,vestibule=hallway,cabine=cabin,cockpit=cockpit,donjon=keep',
    ),
    ...place(
      'part',
      'exterior',
      'balcon=balcony,toit=roof,terrasse=terrace,perron=front steps,seuil=doorstep,pont du navire=deck',
    ),
    ...place(
      'site',
      'exterior',
      'marché=market,rue=street,route=road,chemin=path,ruelle=alley,place=square,cour=courtyard,' +
        'jardin=garden,parc=park,port=harbour,quai=quay,pont=bridge,cimetière=cemetery,' +
        'remparts=ramparts,rempart=rampart,camp=camp,carrefour=crossroads,parvis=forecourt,' +
        'boulevard=boulevard,avenue=avenue,ruines=ruins,stade=stadium,quai de la gare=station platform',
    ),
    ...place(
      'nature',
      'exterior',
      'forêt=forest,bois=woods,jungle=jungle,montagne=mountain,montagnes=mountains,colline=hill,' +
        'vallée=valley,rivière=river,fleuve=river,lac=lake,mer=sea,océan=ocean,rivage=shore,' +
        'plage=beach,côte=coast,falaise=cliff,désert=desert,prairie=meadow,champ=field,champs=fields,' +
        'île=island,clairière=clearing,marais=marsh,ruisseau=stream,source=spring,cascade=waterfall,' +
        'verger=orchard,vignes=vineyard,lande=moor,glacier=glacier,volcan=volcano',
    ),
    ...place('nature', 'interior', 'grotte=cave,caverne=cavern,mine=mine,tunnel=tunnel'),
    ...place(
      'settlement',
      'exterior',
      'village=village,ville=town,cité=city,royaume=kingdom,pays=country,campagne=countryside,' +
        'capitale=capital,quartier=neighbourhood,faubourg=suburb,banlieue=suburbs',
    ),
  },
  // "de" is mostly a genitive ("la légende de la source"), not a place preposition.
  locativePrepositions: list(
    "à,au,aux,dans,sur,sous,devant,derrière,près,vers,chez,depuis,en,hors,par,entre,contre,jusqu'au",
  ),
  besidePrepositions: list(
    'près de,près du,à côté de,à côté du,devant,derrière,hors de,hors du,autour de,autour du,' +
      'en face de,en face du,au pied de,au pied du,le long de,le long du,au bord de,au bord du',
  ),
  insidePrepositions: list('dans,intérieur de,intérieur du,au fond de,au fond du'),
  times: {
    aube: 'dawn',
    aurore: 'dawn',
    'point du jour': 'dawn',
    'lever du jour': 'sunrise',
    'lever du soleil': 'sunrise',
    matin: 'morning',
    'petit matin': 'dawn',
    matinée: 'morning',
    'petit-déjeuner': 'morning',
    'petit déjeuner': 'morning',
    midi: 'day',
    journée: 'day',
    'plein jour': 'day',
    'après-midi': 'afternoon',
    'coucher du soleil': 'sunset',
    'soleil couchant': 'sunset',
    crépuscule: 'dusk',
    'tombée de la nuit': 'dusk',
    'tombée du jour': 'dusk',
    soir: 'evening',
    'soir-là': 'evening',
    'matin-là': 'morning',
    'nuit-là': 'night',
    soirée: 'evening',
    nuit: 'night',
    minuit: 'night',
    'clair de lune': 'night',
  },
  timeShifts: {
    'plus tard': 'later',
    ensuite: 'later',
    'peu après': 'later',
    lendemain: 'next-day',
    'jour suivant': 'next-day',
    'matin suivant': 'next-day',
  },
  timeNegators: list("depuis,jusqu'à,jusqu'au,avant,dès"),
  roles: {
    ...roles(
      'male',
      'roi=king,prince=prince,empereur=emperor,seigneur=lord,duc=duke,chevalier=knight,moine=monk,' +
        'prêtre=priest,sorcier=sorcerer,magicien=wizard,père=father,grand-père=grandfather,' +
        'frère=brother,fils=son,oncle=uncle,mari=husband,garçon=boy,vieillard=old man,' +
        'vieil homme=old man,pêcheur=fisherman,inspecteur=inspector,policier=police officer,' +
        'capitaine=captain,docteur=doctor,médecin=doctor,infirmier=nurse,professeur=teacher,' +
        'maître=master,étranger=stranger,fermier=farmer,marchand=merchant,boulanger=baker,' +
        'gardien=keeper,bûcheron=woodcutter,chasseur=hunter,berger=shepherd,marin=sailor,' +
        'voleur=thief,géant=giant,soldat=soldier,garde=guard,sergent=sergeant,chauffeur=driver,' +
        'serviteur=servant,forgeron=blacksmith,loup=wolf,renard=fox,dragon=dragon',
    ),
    ...roles(
      'female',
      'reine=queen,princesse=princess,impératrice=empress,dame=lady,duchesse=duchess,' +
        'religieuse=nun,sorcière=witch,magicienne=sorceress,mère=mother,grand-mère=grandmother,' +
        'sœur=sister,tante=aunt,épouse=wife,fillette=girl,vieille femme=old woman,fée=fairy,' +
        'pêcheuse=fisherwoman,inspectrice=inspector,policière=police officer,infirmière=nurse,' +
        'maîtresse=teacher,étrangère=stranger,fermière=farmer,marchande=merchant,' +
        'boulangère=baker,gardienne=keeper,bûcheronne=woodcutter,chasseuse=huntress,' +
        'bergère=shepherdess,voleuse=thief,servante=servant',
    ),
    ...roles(
      null,
      'enfant=child,narrateur=narrator,fantôme=ghost,robot=robot,monstre=monster,maire=mayor',
    ),
  },
  personNouns: list(
    'homme,femme,personne,ami,amie,voisin,voisine,veuve,veuf,gamin,gamine,bébé,mamie,papi,' +
      'mémé,pépé,adolescent,adolescente,élève,étudiant,étudiante,cousin,cousine,jumeau,jumelle,' +
      'orphelin,orpheline,apprenti,apprentie,propriétaire',
  ),
  determiners: list('le,la,l,les,un,une,son,sa,ses,leur,mon,ma,notre,ce,cet,cette'),
  nameLinkers: list('nommé,nommée,appelé,appelée,prénommé,prénommée,surnommé,surnommée'),
  speechVerbs: list(
    'dit,dis,disait,demanda,demande,demandait,répondit,répond,murmura,murmure,cria,crie,chuchota,' +
      'chuchote,ajouta,ajoute,lança,lance,souffla,souffle,reprit,reprend,déclara,hurla,hurle,répliqua,' +
      'fit,soupira,continua,s’écria,écria,expliqua,annonça,supplia,insista,grogna,rit',
  ),
  pronouns: {
    // "lui" and "leur" also stand for women: they are not gender evidence.
    female: list('elle'),
    male: list('il'),
    plural: list('ils,elles,eux'),
  },
  firstPersonSubjects: list('je'),
  firstPersonWords: list('moi,mon,ma,mes'),
  narratorName: 'Narrateur',
  appearanceNouns: list(
    'cheveux,yeux,barbe,moustache,manteau,veste,robe,cape,chapeau,casquette,capuche,tablier,' +
      'lunettes,cicatrice,uniforme,bottes,chemise,écharpe,armure,tresse,tresses,couronne,pull,blouse,' +
      'casque,masque,costume,jupe,pantalon,visage',
  ),
  glossary: pairs(
    'poubelle=bin,poubelles=bins,bac=bin,bacs=bins,bouteille=bottle,bouteilles=bottles,' +
      'carton=cardboard box,cartons=cardboard boxes,sac=bag,sacs=bags,décharge=landfill,' +
      'mouette=gull,mouettes=gulls,déchets=waste,' +
      'cheval=horse,chevaux=horses,épée=sword,flûte=flute,lanterne=lantern,lanternes=lanterns,feu=fire,' +
      'brume=mist,brouillard=fog,pluie=rain,neige=snow,orage=storm,tempête=storm,vent=wind,lune=moon,' +
      'soleil=sun,étoiles=stars,arbre=tree,arbres=trees,troncs=tree trunks,tronc=tree trunk,' +
      'racines=roots,branche=branch,branches=branches,pierre=stone,eau=water,vagues=waves,' +
      'rochers=rocks,livre=book,lettre=letter,lampe=lamp,bougie=candle,carte=map,clé=key,' +
      'couronne=crown,table=table,fenêtre=window,porte=door,marches=steps,mur=wall,murs=walls,' +
      'ciel=sky,nuages=clouds,fleurs=flowers,oiseaux=birds,mouettes=gulls,chien=dog,chat=cat,' +
      'loup=wolf,foule=crowd,enfants=children,soldats=soldiers,flamme=flame,fumée=smoke,' +
      'lumière=light,ombre=shadow,ombres=shadows,panneaux=panels,graphique=chart,schéma=diagram,' +
      'facture=bill,réfrigérateur=fridge,frigo=fridge,famille=family,batterie=battery,' +
      'téléphone=phone,ordinateur=computer,écran=screen,stands=stalls,étals=stalls,bateaux=boats,' +
      'filets=nets,verre=glass,lentille=lens,horloge=clock,cloche=bell,coffre=chest,trésor=treasure,' +
      'épouvantail=scarecrow,dragon=dragon,tour=tower,drapeau=flag,bannière=banner,tambour=drum,' +
      'musique=music,voile=sail,voiles=sails,montres=watches,argent=money,pièces=coins,' +
      'affiche=poster,tableau=painting,miroir=mirror,rideau=curtain,chaise=chair,' +
      'visage=face,mains=hands,main=hand,yeux=eyes,larmes=tears,sourire=smile,goutte=droplet,' +
      'gouttes=droplets,jaillissement=spray,feuilles=leaves,mousse=moss,glace=ice,givre=frost,' +
      'cheveux=hair,barbe=beard,manteau=coat,veste=jacket,robe=dress,cape=cloak,chapeau=hat,' +
      'casquette=cap,capuche=hood,tablier=apron,blouse=smock,lunettes=glasses,cicatrice=scar,uniforme=uniform,' +
      'bottes=boots,chemise=shirt,écharpe=scarf,armure=armour,tresse=braid,tresses=braids,pull=sweater,' +
      'casque=helmet,masque=mask,costume=suit,jupe=skirt,pantalon=trousers,tête=head,épaule=shoulder,' +
      'marmite=pot,grill=grill,camion=truck,vélo=bicycle,bougies=candles,lampions=paper lanterns',
  ),
  adjectives: pairs(
    'vieux=old,vieil=old,vieille=old,jeune=young,grand=large,grande=large,petit=small,petite=small,' +
      'gris=grey,grise=grey,grises=grey,bleu=blue,bleue=blue,bleus=blue,bleues=blue,rouge=red,' +
      'rouges=red,vert=green,verte=green,verts=green,noir=black,noire=black,noirs=black,blanc=white,' +
      'blanche=white,blancs=white,doré=golden,dorée=golden,sombre=dark,sombres=dark,froid=cold,' +
      'froide=cold,gelé=frozen,gelée=frozen,gelés=frozen,mouillé=wet,mouillée=wet,silencieux=silent,' +
      'silencieuse=silent,brillant=shining,brillante=shining,ancien=ancient,ancienne=ancient,' +
      'pavé=cobbled,pavée=cobbled,sec=dry,sèche=dry,sèches=dry,secs=dry,mort=dead,morte=dead,' +
      'creusé=hollowed,creusée=hollowed,inquiet=worried,inquiète=worried,fatigué=tired,' +
      'fatiguée=tired,immense=vast,lointain=distant,lointaine=distant,brumeux=misty,brumeuse=misty,' +
      'humide=damp,sauvage=wild,lumineux=bright,lumineuse=bright,doux=soft,douce=soft,chaud=warm,' +
      'chaude=warm,vide=empty,désert=deserted,déserte=deserted,haut=tall,haute=tall,étroit=narrow,' +
      'étroite=narrow,ensoleillé=sunny,ensoleillée=sunny,enneigé=snowy,enneigée=snowy,' +
      'rouillé=rusty,rouillée=rusty,abandonné=abandoned,abandonnée=abandoned,triste=sad,' +
      'heureux=happy,heureuse=happy,roux=red-haired,rousse=red-haired,blond=blond,blonde=blond,' +
      'brun=brown-haired,brune=brown-haired,barbu=bearded,maigre=thin,fort=strong,forte=strong,' +
      'élégant=elegant,élégante=elegant,pâle=pale,ridé=wrinkled,ridée=wrinkled,beau=handsome,' +
      'belle=beautiful,adossé=nestled,adossée=nestled,crowded=crowded,bondé=crowded,bondée=crowded',
  ),
  moods: {
    tense: list(
      'orage*,tempête*,peur*,effr*,terreur*,terrifi*,paniqu*,danger*,menac*,cri,cris,cria,crié*,' +
        'hurl*,frapp*,fissur*,brisé*,échou*,sang*,saign*,combat*,poursui*,urgen*,désesp*,alarm*,' +
        'courir,couru*,précipit*,trembl*,explos*,attaqu*,inquiet*,inquièt*,angoiss*,tonnerre,' +
        'éclair*,naufrag*,noy*,fuir,fuite,colère,furieu*',
    ),
    somber: list(
      'triste*,larme*,pleur*,chagrin*,deuil*,seul,seule,seuls,perdu*,mort,morte,morts,mourir,meurt,' +
        'funéra*,gris,grise,grises,froid*,vide*,regret*,pâle*,fatigu*,cessé*,tue,hiver,pluie,facture*',
    ),
    joyful: list(
      'rire*,rit,riai*,sourir*,sourit,souri*,joie*,heureu*,bonheur,fête*,célébr*,danse*,dansa*,dansè*,chant*,' +
        'musique*,joyeu*,joua,jouait,jouer,embrass*,enlaç*,feux',
    ),
    calm: list(
      'calme*,paisib*,paix,doux,douce*,doucement,tranquil*,repos*,lent*,dorm*,serein*,thé,' +
        'petit-déjeuner,ensoleill*,chaleur*',
    ),
    mysterious: list(
      'mystér*,étrange*,ombre*,secret*,chuchot*,murmur*,brume*,brouillard*,légende*,ancien*,' +
        'inconnu*,caché*,magi*,fantôme*,rêve*,grotte*,silenc*,sombre*,osait',
    ),
    hopeful: list(
      'espoir*,espér*,promess*,aube,lumière*,revint,retour*,sauva,sauvé*,sauver,sauvetage,ensemble,' +
        'libre*,liberté*,jaill*,remirent,renaî*,avenir',
    ),
  },
  shiftCues: [
    {
      pattern: new RegExp(
        `^(?:au|à l['’]|à la|dès l['’]|dès le|dès la|vers l['’]|vers le|vers la|avant l['’]|avant le|avant la|après le|après la|à|le|la|en|en pleine)\\s*${TIME}${END}`,
        'u',
      ),
      score: 2,
      kind: 'time',
    },
    { pattern: /^(?:à|vers)\s+(?:\S+|\d{1,2})\s+heures?(?![\p{L}\p{N}])/u, score: 2, kind: 'time' },
    {
      pattern:
        /^(?:le|la|ce|cette|au)\s+(?:lendemain|jour suivant|nuit suivante|semaine suivante|matin suivant|soir suivant)/,
      score: 3,
      kind: 'time',
    },
    {
      pattern: new RegExp(`^(?:ce|cette)\\s+(?:${TIME}|jour)-là`),
      score: 3,
      kind: 'time',
    },
    {
      pattern:
        /^(?:un|une)\s+(?:beau\s+|bon\s+)?(?:matin|soir|nuit|jour|après-midi)(?![\p{L}\p{N}])/u,
      score: 3,
      kind: 'time',
    },
    {
      pattern:
        /^(?:le|la|au|à la)\s+(?:premier|première|deuxième|second|seconde|troisième|quatrième|cinquième|sixième|septième|dernier|dernière)\s+(?:jour|soir|nuit|matin|matinée|soirée)/,
      score: 3,
      kind: 'time',
    },
    {
      pattern:
        /^(?:\S+|quelques)\s+(?:minutes|heures|jours|semaines|mois|ans|années|nuits)\s+plus\s+tard/,
      score: 3,
      kind: 'time',
    },
    {
      pattern:
        /^(?:plus tard|pendant ce temps|ailleurs|le lendemain|au même moment|peu après|bien plus tard|des années plus tard)(?![\p{L}\p{N}])/u,
      score: 3,
      kind: 'time',
    },
    {
      pattern:
        /(?<![\p{L}\p{N}])(?:pendant|durant)\s+(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|plusieurs|de longs|de longues|\d+)\s+(?:jours|semaines|mois|ans|années|nuits)(?![\p{L}\p{N}])/u,
      score: 2,
      kind: 'time',
      anywhere: true,
    },
    {
      pattern:
        /^(?:quand|lorsqu['’]|lorsque|dès qu['’]|dès que|à peine)\s*[^,.;]{1,60}?(?<![\p{L}\p{N}])(?:revint|revinrent|rentra|rentrèrent|arriva|arrivèrent|retourna|retournèrent|se réveilla|atteignit|atteignirent|regagna|regagnèrent)(?![\p{L}\p{N}])/u,
      score: 2,
      kind: 'return',
    },
    {
      pattern:
        /^(?:en bas|là-haut|là-bas|de retour|plus loin|au loin|au-dehors|dehors|dedans|à l['’]intérieur|à l['’]extérieur|de l['’]autre côté)(?![\p{L}\p{N}])/u,
      score: 2,
      kind: 'place',
    },
  ],
  timeLabels: {
    dawn: "à l'aube",
    sunrise: 'au lever du soleil',
    morning: 'le matin',
    day: 'en plein jour',
    afternoon: "l'après-midi",
    sunset: 'au coucher du soleil',
    dusk: 'au crépuscule',
    evening: 'le soir',
    night: 'la nuit',
  },
  wideShotWords: list(
    'foule,marché,mer,océan,horizon,ciel,village,ville,paysage,vallée,montagnes,royaume,feux,' +
      'tempête,armée,flotte,champs,désert,forêt,port,remparts,toits',
  ),
  closeShotWords: list(
    'visage,yeux,mains,main,doigts,larmes,lèvres,chuchota,murmura,souffle,lettre,téléphone,écran,' +
      'carte,photo,facture,graphique,schéma,bague,clé,flûte,goutte',
  ),
  interiorWords: list("dedans,intérieur,l'intérieur"),
  exteriorWords: list('dehors,extérieur,ciel,horizon'),
  sceneWord: 'Scène',
  and: 'et',
};
