"use client";
// The API reference rendered by Swagger UI (swagger-ui-dist) from GET /api/openapi.json, loaded only on this page.
import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";

export function ApiReference() {
  const node = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-dist/swagger-ui-es-bundle.js")
      .then(({ default: SwaggerUI }) => {
        if (!cancelled && node.current) SwaggerUI({ domNode: node.current, url: "/api/openapi.json", deepLinking: true, tryItOutEnabled: false });
      })
      .catch((error: unknown) => {
        console.error("[api-docs] the reference could not load", error);
        setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <>
      {failed && (
        <p role="alert" className="mt-4 text-sm text-red-700">
          The reference could not load. The document itself is at{" "}
          <a className="underline" href="/api/openapi.json">
            /api/openapi.json
          </a>
          .
        </p>
      )}
      <div ref={node} data-testid="api-reference" aria-busy={!failed} className="mt-4 rounded-lg bg-white" />
    </>
  );
}
