import { PGlite } from '@electric-sql/pglite';
let t=Date.now(); const db = new PGlite(); await db.waitReady; console.log('init', Date.now()-t);
t=Date.now(); const d = await db.dumpDataDir('none'); console.log('dump', Date.now()-t, d.size);
t=Date.now(); const db2 = new PGlite({loadDataDir: d}); await db2.waitReady; console.log('load', Date.now()-t);
t=Date.now(); const db3 = new PGlite(); await db3.waitReady; console.log('init2', Date.now()-t);
