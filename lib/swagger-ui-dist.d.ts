// swagger-ui-dist ships no types; this is the part of its browser bundle components/api-reference.tsx uses.
declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  type Options = { domNode: HTMLElement; url: string; deepLinking?: boolean; tryItOutEnabled?: boolean };
  const SwaggerUI: (options: Options) => unknown;
  export default SwaggerUI;
}
