import { z } from 'zod';

// In the browser, zod would probe `new Function` to compile its parsers, and the page's CSP (no eval)
// refuses it: a CSP violation on every page load. The probe runs when a schema is built, so this module
// is imported before any schema. The interpreted parsers are as fast for a request this size (bench).
if (typeof window !== 'undefined') z.config({ jitless: true });
