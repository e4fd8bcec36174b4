import type { PlaceKind, PlaceWord, RoleWord, VocabularySource } from './types.ts';
import type { Setting } from '../types.ts';

const place = (kind: PlaceKind, setting: Setting, words: string): Record<string, PlaceWord> =>
  Object.fromEntries(
    words.split(',').map((w) => {
      const [key, english] = w.trim().split('=') as [string, string | undefined];
      return [key, { english: english ?? key, kind, setting }];
    }),
  );

const roles = (gender: 'female' | 'male' | null, words: string): Record<string, RoleWord> =>
  Object.fromEntries(words.split(',').map((w) => [w.trim(), { english: w.trim(), gender }]));

const list = (words: string): string[] => words.split(',').map((w) => w.trim());

const TIME =
  '(?:dawn|daybreak|first light|sunrise|sunup|morning|noon|midday|afternoon|sunset|sundown|dusk|twilight|nightfall|evening|night|midnight)';

export const en: VocabularySource = {
  language: 'en',
  speakingWordsPerMinute: 150,
  readingWordsPerMinute: 238,
  functionWords: list(
    'a,an,the,and,or,but,nor,so,yet,if,then,than,that,this,these,those,there,here,when,where,while,' +
      'why,how,what,which,who,whom,whose,as,at,by,for,from,in,into,of,off,on,onto,out,over,to,up,' +
      'down,with,within,without,about,above,after,again,against,all,along,also,among,any,around,' +
      'because,before,behind,below,beneath,beside,between,beyond,both,during,each,either,even,ever,' +
      'every,few,just,like,many,more,most,much,near,neither,never,no,not,now,once,only,other,our,' +
      'ours,own,past,perhaps,since,some,still,such,through,till,too,toward,towards,under,until,upon,' +
      'very,via,whether,yes,i,me,my,mine,we,us,you,your,yours,he,him,his,she,her,hers,it,its,they,' +
      'them,their,theirs,is,am,are,was,were,be,been,being,has,have,had,do,does,did,will,would,' +
      'shall,should,can,could,may,might,must,not,oh,ah,okay,ok,well,later,soon,meanwhile,twice,' +
      'mom,mum,dad,sir,madam,god,hello,hi,hey,please,thanks,chapter,part,book,scene,act,prologue,epilogue',
  ),
  detectionWords: list(
    'the,and,of,to,is,was,with,that,this,his,her,she,he,they,from,had,were,been,have,which,would,' +
      'their,there,what,into,could,when,only,your,you,it,not,for,be,at,by,but,are,we',
  ),
  places: {
    ...place(
      'building',
      'interior',
      'lighthouse,castle,palace,house,home,cottage,cabin,hut,church,cathedral,chapel,temple,tower,' +
        'school,hospital,station,shop,store,restaurant,cafe,café,pub,inn,tavern,hotel,office,' +
        'factory,warehouse,barn,mill,library,museum,theater,theatre,prison,jail,apartment,' +
        'mansion,manor,farmhouse,studio,lab,laboratory,bakery,tent,igloo,fortress,monastery,' +
        'workshop,courthouse,bank,supermarket,gym,cinema,arena',
    ),
    ...place(
      'vehicle',
      'interior',
      'van,car,truck,bus,train,ship,boat,plane,airplane,taxi,cab,carriage,wagon,spaceship,submarine',
    ),
    ...place(
      'part',
      'interior',
      'room,kitchen,bedroom,bathroom,attic,cellar,basement,hall,hallway,corridor,stairs,staircase,' +
        'stairwell,lantern room,living room,dining room,throne room,classroom,chamber,lobby,' +
        'garage,store room,storeroom,cockpit,cabin,office,dungeon,crypt,vault,ward,lounge',
    ),
    ...place('part', 'exterior', 'deck,balcony,porch,roof,rooftop,terrace,gallery,doorstep,steps'),
    ...place(
      'site',
      'exterior',
      'market,marketplace,street,road,lane,alley,square,plaza,courtyard,yard,garden,park,harbour=harbor,' +
        'harbor,port,quay,dock,docks,pier,wharf,bridge,platform,playground,cemetery,graveyard,ramparts,' +
        'battlements,farm,camp,campsite,crossroads,highway,parking lot,stadium,schoolyard,riverbank,' +
        'waterfront,promenade,boulevard,avenue,village green,ruins',
    ),
    ...place(
      'nature',
      'exterior',
      'forest,woods,jungle,mountain,mountains,hill,hills,valley,river,riverside,lake,sea,ocean,shore,' +
        'beach,coast,cliff,cliffs,desert,meadow,field,fields,island,glade,clearing,swamp,marsh,stream,' +
        'brook,creek,waterfall,canyon,moor,moors,prairie,savanna,glacier,volcano,orchard,vineyard',
    ),
    ...place('nature', 'interior', 'cave,grotto,cavern,tunnel'),
    ...place(
      'settlement',
      'exterior',
      'village,town,city,kingdom,country,countryside,capital,suburb,suburbs,neighbourhood=neighborhood,' +
        'neighborhood,downtown,harbour town=harbor town',
    ),
  },
  locativePrepositions: list(
    'in,at,inside,into,from,on,onto,near,by,outside,across,toward,towards,through,along,under,above,beneath,behind,beside,off',
  ),
  besidePrepositions: list(
    'by,near,beside,outside,outside of,behind,next to,in front of,around,past,alongside,opposite',
  ),
  insidePrepositions: list('in,inside,into,within'),
  times: {
    dawn: 'dawn',
    daybreak: 'dawn',
    'first light': 'dawn',
    sunrise: 'sunrise',
    sunup: 'sunrise',
    morning: 'morning',
    breakfast: 'morning',
    noon: 'day',
    midday: 'day',
    daylight: 'day',
    daytime: 'day',
    afternoon: 'afternoon',
    sunset: 'sunset',
    sundown: 'sunset',
    'golden hour': 'sunset',
    dusk: 'dusk',
    twilight: 'dusk',
    nightfall: 'dusk',
    evening: 'evening',
    dinner: 'evening',
    night: 'night',
    tonight: 'night',
    midnight: 'night',
    moonlight: 'night',
    nighttime: 'night',
  },
  timeShifts: {
    later: 'later',
    afterwards: 'later',
    'some time later': 'later',
    'hours later': 'later',
    'next day': 'next-day',
    'following day': 'next-day',
    'next morning': 'next-day',
    'following morning': 'next-day',
    'day after': 'next-day',
  },
  timeNegators: list('since,until,till,before,from'),
  roles: {
    ...roles(
      'male',
      'king,prince,emperor,lord,duke,knight,monk,priest,wizard,sorcerer,father,grandfather,brother,' +
        'son,uncle,husband,boy,old man,fisherman,policeman,monsieur',
    ),
    ...roles(
      'female',
      'queen,princess,empress,lady,duchess,nun,witch,sorceress,mother,grandmother,sister,daughter,' +
        'aunt,wife,girl,old woman,fairy,madame',
    ),
    ...roles(
      null,
      'soldier,guard,captain,sergeant,inspector,detective,officer,doctor,nurse,teacher,professor,' +
        'stranger,farmer,merchant,baker,innkeeper,keeper,woodcutter,hunter,shepherd,sailor,pilot,' +
        'driver,vendor,thief,monster,dragon,giant,ghost,robot,narrator,host,child,mayor,chef,waiter,' +
        'messenger,servant,healer,blacksmith,fox,wolf',
    ),
  },
  personNouns: list(
    'man,woman,person,friend,neighbour,neighbor,widow,widower,lad,lass,kid,baby,gran,granny,' +
      'grandma,grandpa,nan,teenager,student,friend,cousin,twin,orphan,apprentice,owner,keeper',
  ),
  determiners: list('the,a,an,his,her,their,my,our,your,its,this,that'),
  nameLinkers: list('named,called'),
  speechVerbs: list(
    'said,says,say,asked,asks,whispered,whispers,shouted,shouts,replied,replies,answered,answers,' +
      'cried,cries,called,calls,murmured,murmurs,muttered,mutters,yelled,yells,added,adds,told,' +
      'screamed,exclaimed,continued,sighed,snapped,breathed,insisted,demanded,begged,pleaded,' +
      'repeated,wondered,laughed,growled,hissed,announced,declared,explained',
  ),
  pronouns: {
    female: list('she,her,hers,herself'),
    male: list('he,him,his,himself'),
    plural: list('they,them,their,themselves'),
  },
  firstPersonSubjects: list('i'),
  firstPersonWords: list('me,my,mine,myself'),
  narratorName: 'Narrator',
  appearanceNouns: list(
    'hair,eyes,beard,moustache,mustache,coat,jacket,dress,cloak,cape,hat,cap,hood,apron,glasses,' +
      'spectacles,scar,uniform,boots,shirt,scarf,gown,armour,armor,robe,robes,braid,braids,freckles,' +
      'crown,sweater,overalls,helmet,mask,suit,tie,skirt,trousers,jeans,blouse,shawl,veil',
  ),
  glossary: {},
  adjectives: {},
  moods: {
    tense: list(
      'storm*,gale*,fear*,afraid,terror*,terrif*,panic*,danger*,threat*,shout*,scream*,yell*,hammer*,' +
        'crack*,crash*,fail*,blood*,bled,bleed*,fight*,chase*,urgen*,desperat*,alarm*,ran,run,running,' +
        'rush*,struggl*,trembl*,shak*,explo*,gun*,attack*,hurr*,tense*,anxious*,worr*,lightning,' +
        'thunder*,flare*,hiss*,wreck*,sink*,drown*,escape*,furious,angry,rage',
    ),
    somber: list(
      'sad*,tears,cry,cried,crying,weep*,wept,grief,griev*,mourn*,lonely,alone,lost,loss,death,dead,' +
        'die,died,dying,funeral,grey,gray,cold,empty,sorrow*,regret*,broken,pale,tired,exhaust*,' +
        'bill,bills,debt*,winter,rain*',
    ),
    joyful: list(
      'laugh*,smil*,joy*,happy,happi*,delight*,celebrat*,cheer*,grin*,danc*,sing,sings,singing,sang,song*,music*,' +
        'firework*,festiv*,glad,fun,play*,party,hug*,embrac*,waving,waved,bright*,exhal*',
    ),
    calm: list(
      'calm*,quiet*,gentl*,soft*,peace*,still,rest,rested,resting,slow*,breath*,tea,sleep*,relax*,serene*,' +
        'tranquil*,mild,breakfast,sunlight,warm*',
    ),
    mysterious: list(
      'myster*,strange*,shadow*,secret*,whisper*,mist*,fog*,legend*,ancient,unknown,hidden,hid,' +
        'magic*,ghost*,dream*,curious*,silent*,silence,dark*,eerie',
    ),
    hopeful: list(
      'hope*,promis*,sunrise,dawn,return*,save,saved,saves,rescu*,together,free,freed,freedom,better,chance,' +
        'begin*,future,solution*',
    ),
  },
  shiftCues: [
    {
      pattern: new RegExp(
        `^(?:by|at|around|towards?|just before|just after|come)\\s+(?:the\\s+)?${TIME}\\b`,
      ),
      score: 2,
      kind: 'time',
    },
    {
      pattern:
        /^(?:at|by|around)\s+(?:\w+|\d{1,2}(?::\d\d)?)\s+(?:o'clock|in the (?:morning|afternoon|evening)|at night|a\.?m\b|p\.?m\b)/,
      score: 2,
      kind: 'time',
    },
    {
      pattern: new RegExp(
        `^(?:that|this|the next|the following|next|one|early (?:the )?next|later that|the same|(?:on )?the (?:first|second|third|fourth|fifth|sixth|seventh|last|final))\\s+(?:${TIME}|day|week|month|year|spring|summer|autumn|fall|winter)\\b`,
      ),
      score: 3,
      kind: 'time',
    },
    {
      pattern:
        /^(?:\w+|a few|a couple of|several|many)\s+(?:seconds|minutes|hours|days|weeks|months|years|nights|summers|winters)\s+(?:later|passed|went by|had passed)/,
      score: 3,
      kind: 'time',
    },
    {
      pattern:
        /^(?:later|meanwhile|elsewhere|afterwards|the day after|years ago|long ago|the next day)\b/,
      score: 3,
      kind: 'time',
    },
    {
      pattern:
        /\b(?:for|during)\s+(?:two|three|four|five|six|seven|eight|nine|ten|several|many|\d+)\s+(?:days|weeks|months|years|nights)\b/,
      score: 2,
      kind: 'time',
      anywhere: true,
    },
    {
      pattern:
        /^when\s+[^,.;]{1,60}?\b(?:returned|came back|got back|came home|arrived|reached|woke|awoke)\b/,
      score: 2,
      kind: 'return',
    },
    {
      pattern:
        /^(?:down|up|back|out|over|across|inside|outside|deep|far)\s+(?:in|at|on|by|to|inside|under|across|the|home)\b/,
      score: 2,
      kind: 'place',
    },
  ],
  timeLabels: {
    dawn: 'at dawn',
    sunrise: 'at sunrise',
    morning: 'in the morning',
    day: 'by day',
    afternoon: 'in the afternoon',
    sunset: 'at sunset',
    dusk: 'at dusk',
    evening: 'in the evening',
    night: 'at night',
  },
  wideShotWords: list(
    'crowd,crowded,market,sea,ocean,horizon,sky,village,city,town,landscape,valley,mountains,' +
      'fireworks,storm,fleet,army,skyline,field,fields,desert,forest,harbour,harbor,kingdom,stalls,rooftop,roof',
  ),
  closeShotWords: list(
    'face,eyes,hands,hand,fingers,tears,lips,whisper,whispered,whispers,breath,letter,phone,screen,' +
      'card,photo,photograph,bill,chart,diagram,map,ring,key,receipts,compass,wick',
  ),
  interiorWords: list('inside,indoors,interior,within'),
  exteriorWords: list('outside,outdoors,exterior,sky,horizon'),
  sceneWord: 'Scene',
  and: 'and',
};
