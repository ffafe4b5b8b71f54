/** One line per status: what it usually means when talking to Trustpilot's API (see docs/trustpilot-api.md). */
const MEANINGS: Record<number, string> = {
  200: 'OK: the request succeeded',
  201: 'Created: the request succeeded and something was created (the body may be empty)',
  202: 'Accepted: queued for processing (the body is often empty)',
  204: 'No Content: the request succeeded; there is no body',
  301: 'Moved Permanently: the resource lives at the Location header',
  302: 'Found: redirected to the Location header',
  304: 'Not Modified: the cached copy is still valid',
  400: 'Bad Request: the server refused the input (a field, a parameter, or a header such as x-business-user-id); see the body',
  401: 'Unauthorized: the token is missing, invalid or expired',
  403: 'Forbidden: no permission, no plan, or a missing/invalid API key',
  404: 'Not Found: wrong host or path, or the resource does not exist',
  405: 'Method Not Allowed: this path exists, but not with this method',
  409: 'Conflict: the request clashes with the current state',
  413: 'Payload Too Large: the body is too big',
  415: 'Unsupported Media Type: wrong Content-Type (e.g. JSON where a form is expected)',
  422: 'Unprocessable Entity: the body was understood but a value is not acceptable',
  429: 'Too Many Requests: rate limited; wait before trying again',
  500: 'Internal Server Error: the server failed; retry later',
  502: 'Bad Gateway: a proxy got a bad answer upstream; retry later',
  503: 'Service Unavailable: the service is down or overloaded; retry later',
  504: 'Gateway Timeout: an upstream did not answer in time; retry later',
}

export function statusMeaning(status: number): string {
  const known = MEANINGS[status]
  if (known) return known
  if (status >= 200 && status < 300) return 'Success'
  if (status >= 300 && status < 400) return 'Redirection'
  if (status >= 400 && status < 500) return 'Client error: the request was refused; see the body'
  if (status >= 500) return 'Server error: retry later'
  return 'Informational'
}
