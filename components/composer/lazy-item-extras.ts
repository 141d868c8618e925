'use client';
import { lazy } from 'react';

// Previews and prompt tokens come with a list's first item, in a chunk of their own. Items exist
// only in the browser (the draft is restored there), so these never render on the server.
const load = () => import('./list-item-extras');

export const preloadItemExtras = load;
export const ImageExtras = lazy(() => load().then((module) => ({ default: module.ImageExtras })));
export const VideoExtras = lazy(() => load().then((module) => ({ default: module.VideoExtras })));
export const ElementExtras = lazy(() => load().then((module) => ({ default: module.ElementExtras })));
