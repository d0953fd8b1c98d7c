/**
 * A public query root field that its owning service also serves as a REST resource with the same
 * fields (the service builds both from one view function). The gateway may answer the field from
 * the resource: one HTTP call and a JSON projection instead of Apollo's plan, subgraph execution
 * and result merging (see rest-twin.middleware.ts).
 */
export interface RestTwin {
  /** The `Query` field. */
  field: string;
  /** The service that owns both (a key of the gateway's REST targets). */
  service: string;
  /**
   * The REST path and query string for the field's coerced arguments, or undefined for arguments
   * the twin does not take as they are (the request then goes through Apollo, which answers it).
   */
  path(args: Record<string, unknown>): string | undefined;
}

/** A path segment kept as one segment whatever URL normalisation runs: no `.`/`..`, nothing to escape but the common signs. */
const PLAIN_SEGMENT = /^(?!\.{1,2}$)[\p{L}\p{N}._~-]{1,60}$/u;
const FOUR_DIGITS = /^\d{4}$/;

export const REST_TWINS: readonly RestTwin[] = [
  {
    // apps/dossier-service: DossiersResolver.trackDossier and DossiersController.track (dossierTrackingView).
    field: 'trackDossier',
    service: 'dossier',
    path: ({ code, idNumberLast4 }) =>
      typeof code === 'string' && PLAIN_SEGMENT.test(code) && typeof idNumberLast4 === 'string' && FOUR_DIGITS.test(idNumberLast4)
        ? `/api/v1/dossiers/${encodeURIComponent(code)}/tracking?idNumberLast4=${idNumberLast4}`
        : undefined,
  },
];
