/** UI strings of the cast area (English, then French with the same keys). */
export const en = {
  'cast.heading': 'Cast',
  'cast.intro':
    'A character’s visual description is kept in every image prompt of a scene where they appear, so they look the same from scene to scene.',
  'cast.empty':
    'No characters yet. Add the people, creatures or objects that come back in several scenes to keep them looking the same.',
  'cast.count.one': '{count} character',
  'cast.count.other': '{count} characters',
  'cast.add': 'Add character',
  'cast.name': 'Name',
  'cast.namePlaceholder': 'e.g. Léa',
  'cast.description': 'Visual description',
  'cast.descriptionHint': 'Kept in every image prompt of a scene where this character appears.',
  'cast.descriptionPlaceholder': 'e.g. woman in her forties, short grey hair, green raincoat',
  'cast.unnamed': 'Unnamed character',
  'cast.member': 'Character: {name}',
  'cast.usedIn.one': 'In {count} scene',
  'cast.usedIn.other': 'In {count} scenes',
  'cast.unused': 'Not in any scene yet',
  'cast.delete': 'Delete',
  'cast.deleteLabel': 'Delete {name}',
  'cast.deleteTitle': 'Delete “{name}”?',
  'cast.deleteDescription.one':
    'Used in {count} scene. Deleting the character also removes it from that scene. Undo (Ctrl+Z) brings it back.',
  'cast.deleteDescription.other':
    'Used in {count} scenes. Deleting the character also removes it from those scenes. Undo (Ctrl+Z) brings it back.',
  'cast.deleteConfirm': 'Delete character',
  'cast.cancel': 'Cancel',
  'cast.error.name': 'Name: at most 200 characters.',
  'cast.error.description': 'Visual description: at most 2,000 characters.',
  'cast.deleted': '{name} deleted.',
  'cast.sceneCast': 'Cast of this scene',
  'cast.noneInScene': 'No one assigned',
  'cast.missing': 'Deleted character',
  'cast.removeFromScene': 'Remove {name} from this scene',
  'cast.assign': 'Assign cast',
  'cast.assignEmpty': 'No characters yet. Add them in the Cast panel.',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'cast.heading': 'Personnages',
  'cast.intro':
    'La description visuelle d’un personnage est reprise dans chaque prompt d’image des scènes où il apparaît, pour qu’il garde la même apparence d’une scène à l’autre.',
  'cast.empty':
    'Aucun personnage pour l’instant. Ajoutez les personnes, créatures ou objets qui reviennent dans plusieurs scènes pour qu’ils restent reconnaissables.',
  'cast.count.one': '{count} personnage',
  'cast.count.other': '{count} personnages',
  'cast.add': 'Ajouter un personnage',
  'cast.name': 'Nom',
  'cast.namePlaceholder': 'p. ex. Léa',
  'cast.description': 'Description visuelle',
  'cast.descriptionHint':
    'Reprise dans chaque prompt d’image des scènes où ce personnage apparaît.',
  'cast.descriptionPlaceholder':
    'p. ex. femme d’une quarantaine d’années, cheveux gris courts, imperméable vert',
  'cast.unnamed': 'Personnage sans nom',
  'cast.member': 'Personnage : {name}',
  'cast.usedIn.one': 'Dans {count} scène',
  'cast.usedIn.other': 'Dans {count} scènes',
  'cast.unused': 'Dans aucune scène pour l’instant',
  'cast.delete': 'Supprimer',
  'cast.deleteLabel': 'Supprimer {name}',
  'cast.deleteTitle': 'Supprimer « {name} » ?',
  'cast.deleteDescription.one':
    'Utilisé dans {count} scène. Supprimer le personnage le retire aussi de cette scène. Annuler (Ctrl+Z) le rétablit.',
  'cast.deleteDescription.other':
    'Utilisé dans {count} scènes. Supprimer le personnage le retire aussi de ces scènes. Annuler (Ctrl+Z) le rétablit.',
  'cast.deleteConfirm': 'Supprimer le personnage',
  'cast.cancel': 'Annuler',
  'cast.error.name': 'Nom : 200 caractères au maximum.',
  'cast.error.description': 'Description visuelle : 2 000 caractères au maximum.',
  'cast.deleted': 'Personnage supprimé : {name}.',
  'cast.sceneCast': 'Personnages de cette scène',
  'cast.noneInScene': 'Personne n’est assigné',
  'cast.missing': 'Personnage supprimé',
  'cast.removeFromScene': 'Retirer {name} de cette scène',
  'cast.assign': 'Assigner des personnages',
  'cast.assignEmpty': 'Aucun personnage pour l’instant. Ajoutez-en dans le panneau Personnages.',
};
