import { Session } from './session';

/** An answer other than 2xx, with the message the registry gave (it names the field at fault). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The route itself is missing: this registry does not offer the read yet. */
    readonly routeMissing: boolean,
  ) {
    super(message);
  }
}

export interface FileAnswer {
  readonly text: string;
  readonly fileName: string;
  readonly auditId: string | null;
}

/** Every call carries the key, the case and the purpose, so each view the officer opens is an audited read. */
export class RegistryApi {
  constructor(private readonly session: Session) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>(path, { method: 'GET' });
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  }

  /** An export: the server writes the file and records the export. */
  async file(path: string): Promise<FileAnswer> {
    const response = await this.send(path, { method: 'GET' });
    const disposition = response.headers.get('content-disposition') ?? '';
    return { text: await response.text(), fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'export', auditId: response.headers.get('x-audit-id') };
  }

  private async call<T>(path: string, init: RequestInit): Promise<T> {
    return (await (await this.send(path, init)).json()) as T;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const response = await fetch(path, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        'x-api-key': this.session.apiKey,
        'x-case-reference': this.session.caseReference,
        'x-purpose': this.session.purpose,
        // Header values travel as Latin-1: the note goes percent-encoded, as the registry reads it.
        ...(this.session.purposeNote ? { 'x-purpose-note': encodeURIComponent(this.session.purposeNote) } : {}),
      },
    });
    if (response.ok) return response;
    // Errors are RFC 9457 problem details: `detail` says what went wrong, `errors` names each field.
    const body = (await response.json().catch(() => ({}))) as { detail?: string; errors?: { field: string; message: string }[] };
    const fields = body.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    const message = fields || body.detail || response.statusText;
    // Nest answers a route it does not have with "Cannot GET /path"; a read that finds nothing says what it looked for.
    throw new ApiError(response.status, message, response.status === 404 && /^Cannot (GET|POST) /.test(message));
  }
}

export const shopPath = (shop: string) => {
  const at = shop.indexOf(':');
  return `/enforcement/shops/${encodeURIComponent(shop.slice(0, at))}/${encodeURIComponent(shop.slice(at + 1))}`;
};
