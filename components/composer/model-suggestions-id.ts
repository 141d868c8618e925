// Not in a 'use client' module: the server page renders the datalist this id names.
/** The `datalist` of model names the Model field suggests from. */
export const MODEL_SUGGESTIONS_ID = 'model-suggestions';
