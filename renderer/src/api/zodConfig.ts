import { z } from 'zod';

// The page's CSP forbids eval. Zod would otherwise probe `new Function` to compile fast parsers, and even the
// caught failure is reported as a CSP violation in the console. Must run before any schema parses.
z.config({ jitless: true });
