import { API_MESSAGES } from '../../../shared/api/api-messages.ts';

/**
 * The API's refusals by key (shared/api/api-messages.ts): English is the
 * API's own sentence; French says the same to a person, and may leave out a
 * raw header value the English quotes for API clients.
 */
export const en = API_MESSAGES;

export const fr: Record<keyof typeof en, string> = {
  'errors.api.signInRequired': 'Connectez-vous pour continuer',
  'errors.api.tryAgainShortly': 'Réessayez dans un instant',
  'errors.api.collabTokenInvalid': 'Le jeton de collaboration est absent, invalide ou expiré',
  'errors.api.collabTokenOtherProject': 'Le jeton de collaboration est celui d’un autre projet',
  'errors.api.collabPathUnknown': 'Aucun document de projet à cette adresse',
  'errors.api.internal': 'Un problème est survenu de notre côté',
  'errors.api.invalidFields': 'Certains champs sont invalides',
  'errors.api.invalidCredentials': 'E-mail ou mot de passe incorrect',
  'errors.api.emailTaken': 'Un compte utilise déjà cet e-mail',
  'errors.api.tooManyAttempts': 'Trop de tentatives ; réessayez dans {retryAfterSec} s',

  'errors.api.noApiRoute': 'Aucune route d’API {method} {path}',
  'errors.api.badRequest': 'Requête invalide : {reason}',
  'errors.api.malformedJson': 'Le corps de la requête n’est pas du JSON valide',
  'errors.api.bodyTooLarge': 'Le corps de la requête est trop volumineux',
  'errors.api.lengthRequired': 'Envoyez le corps de la requête avec un en-tête Content-Length',
  'errors.api.urlEncoding': 'L’adresse contient un encodage pourcent invalide',
  'errors.api.urlUnsafe': 'L’adresse contient un caractère interdit ({codePoint})',
  'errors.api.crossSite.fetchSite':
    'Requête refusée : le navigateur indique qu’elle vient d’un autre site ; les modifications ne se font que depuis les pages de Montage',
  'errors.api.crossSite.foreignOrigin': 'Requête refusée : elle vient de {origin}, et non de {own}',
  'errors.api.crossSite.hostMismatch':
    'Requête refusée : elle vient de {origin} mais s’adresse à {host} ; un proxy inverse doit transmettre l’en-tête Host (ou X-Forwarded-Host)',
  'errors.api.crossSite.noSource':
    'Requête refusée : une requête connectée doit dire d’où elle vient (Origin ou Sec-Fetch-Site) ; utilisez un navigateur à jour',
  'errors.api.metricsTokenInvalid': 'Ce jeton de métriques n’est pas valable',
  'errors.api.metricsTokenRequired':
    'Les métriques demandent le jeton des opérateurs (Authorization: Bearer <METRICS_TOKEN>)',

  'errors.api.projectNotFound': 'Projet introuvable',
  'errors.api.roleForbidden': 'Votre rôle ne permet pas cette action',
  'errors.api.memberNotFound': 'Cette personne n’est pas membre du projet',
  'errors.api.lastOwner': 'Un projet doit garder au moins un propriétaire',
  'errors.api.unknownSample': 'Il n’existe pas de projet d’exemple « {id} »',
  'errors.api.unknownTemplate': 'Il n’existe pas de modèle de projet « {id} »',
  'errors.api.unknownHint': 'Il n’existe pas d’astuce « {id} »',
  'errors.api.documentUnavailable':
    'Le document du projet n’a pas pu être chargé ; il n’a pas été modifié',

  'errors.api.invitationNotFound': 'Invitation introuvable',
  'errors.api.invitation.expired': 'Cette invitation a expiré ; demandez-en une nouvelle',
  'errors.api.invitation.revoked': 'Cette invitation a été retirée',
  'errors.api.invitation.accepted': 'Cette invitation a déjà été utilisée',
  'errors.api.invitation.declined': 'Cette invitation a été refusée',
  'errors.api.invitation.inviterLeft': 'Cette invitation n’est plus valable',
  'errors.api.alreadyMember': 'Vous êtes déjà membre de ce projet',
  'errors.api.personAlreadyMember': 'Cette personne est déjà membre du projet',

  'errors.api.fileTooLarge': 'Le fichier dépasse {limit}',
  'errors.api.uploadCutOff': 'L’envoi a été interrompu',
  'errors.api.fileEmpty': 'Le fichier est vide',
  'errors.api.unsupportedAudio':
    'Ce fichier n’est pas un fichier audio accepté par Montage ({formats})',
  'errors.api.unsupportedImage':
    'Ce fichier n’est pas une image acceptée par Montage (PNG, JPEG, WebP)',
  'errors.api.notPlayableAudio': 'Ce fichier n’est pas un son lisible',
  'errors.api.musicTooLong': 'La musique dure plus de {minutes} minutes',
  'errors.api.musicNotFound': 'Ce projet n’a pas cette musique',

  'errors.api.scriptTooLarge': 'Le script dépasse la limite de 1 Mo',
  'errors.api.scriptUnsafe':
    'Le script contient un caractère interdit ({codePoint}) à la position {position}',
  'errors.api.scriptNotText': 'Le script doit être du texte',
  'errors.api.scriptEmpty': 'Le texte est vide : collez ou importez un script',
  'errors.api.scriptNoWords': 'Le texte ne contient aucun mot : rien à découper en scènes',
  'errors.api.scriptTooLong': 'Le texte est trop long ({length} caractères, {max} au plus)',
  'errors.api.analysisOption': 'Option d’analyse invalide ({field})',

  'errors.api.revisionNotFound': 'Révision introuvable',
  'errors.api.revisionNotInProject': 'Cette révision n’existe pas dans ce projet',
  'errors.api.notRenderable': 'Le projet ne peut pas encore être rendu',
  'errors.api.overLimits': 'Le projet dépasse les limites de ce serveur',
  'errors.api.renderNotFound': 'Rendu introuvable',
  'errors.api.quotaExceeded':
    'Ce rendu dépasserait vos minutes de rendu du mois : {used} minutes utilisées sur {limit}, ce rendu en demande {requested} ; le compte repart le {resetAt}',
  'errors.api.storageQuotaExceeded':
    'Les médias de ce projet remplissent son quota de stockage : {used} octets utilisés sur {limit}',
  'errors.api.webhookNotFound': 'Webhook introuvable',
  'errors.api.webhookDeliveryNotFound': 'Envoi introuvable',
  'errors.api.destinationInvalid': 'L’adresse n’est pas une URL valide',
  'errors.api.destinationScheme': 'Seules les adresses http et https sont acceptées, pas {scheme}',
  'errors.api.destinationCredentials':
    'L’adresse ne peut pas contenir de nom d’utilisateur ni de mot de passe',
  'errors.api.destinationPrivate':
    'L’adresse {address} est privée, locale ou réservée ; Montage n’y envoie rien',
  'errors.api.destinationUnresolved': 'Le nom {host} n’a pas pu être résolu',
  'errors.api.renderNoOutput': 'Ce rendu n’a pas encore de résultat',
  'errors.api.noSuchRenderFile': 'Ce fichier n’existe pas dans ce rendu',
  'errors.api.fileMissing': 'Le fichier manque dans le stockage des médias',
  'errors.api.renderAlreadyEnded': 'Ce rendu est déjà terminé ({status})',
  'errors.api.retryOnlyEnded': 'Seuls les rendus échoués ou annulés peuvent être relancés',
  'errors.api.renderAlreadyRunning':
    'Un autre rendu de cette révision avec cette qualité est déjà en cours',
  'errors.api.cannotRetryNow': 'Ce rendu ne peut pas être relancé maintenant',
  'errors.api.voiceSampleUnavailable': 'Aucun nœud de rendu n’a pu dire l’extrait',
  'errors.api.voiceSampleNotFound': 'Cet extrait de voix n’existe pas',
  // Scene images, asset records and estimates (issue 14, ADR 0041)
  'errors.api.sceneNotFound': 'Cette scène n’existe pas dans ce projet',
  'errors.api.assetNotFound': 'Cette ressource générée n’existe pas',
  'errors.api.estimateUnavailable': 'Aucun nœud de rendu n’a pu estimer le rendu',
  // Generated soundtracks (issue 18)
  'errors.api.soundtrackNotFound': 'Cette bande-son générée n’existe pas',
  'errors.api.liveLimit.user':
    'Vous avez déjà {live} rendus en attente ou en cours, la limite par personne ({limit}) ; attendez qu’un rendu se termine ou annulez-en un',
  'errors.api.liveLimit.project':
    'Ce projet a déjà {live} rendus en attente ou en cours, la limite par projet ({limit}) ; attendez qu’un rendu se termine ou annulez-en un',

  // Preview links (issue 13)
  'errors.api.shareLinkNotFound': 'Ce lien n’existe pas',
  'errors.api.shareLink.expired': 'Ce lien a expiré',
  'errors.api.shareLink.revoked': 'Ce lien a été révoqué',
  'errors.api.shareLinkNoComments': 'Ce lien ne permet pas de commenter',
  'errors.api.tokenScopeMissing':
    'Ce jeton d’API n’a pas la portée {scope} qu’exige {method} {route}',
  'errors.api.tokenNeedsSession':
    'Les jetons d’API ne peuvent pas appeler {method} {route} : connectez-vous dans un navigateur pour gérer jetons et sessions',
  'errors.api.apiTokenNotFound': 'Jeton d’API introuvable',
  'errors.api.apiRateLimited':
    'Trop de requêtes à l’API : {limit} par {windowSec} s ; réessayez dans {retryAfterSec} s',
  'errors.api.shareLinkRenderNotFinished':
    'Le rendu choisi n’est pas un rendu terminé de ce projet',
  'errors.api.commentNotFound': 'Commentaire introuvable',
  'errors.api.commentSceneNotFound': 'Cette scène n’existe pas dans ce projet',
  'errors.api.commentParentNotFound':
    'Le commentaire auquel vous répondez n’est pas dans ce projet',
  'errors.api.commentRenderNotFound': 'Ce rendu n’appartient pas à ce projet',
  'errors.api.commentNotAuthor': 'Seul son auteur peut modifier un commentaire',
  'errors.api.commentDeleteForbidden':
    'Seul son auteur ou un propriétaire du projet peut supprimer un commentaire',
};
