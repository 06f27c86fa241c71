export interface SendFailure {
  /** True when sending again cannot help: a 5xx reply (unknown user, rejected content, policy). */
  permanent: boolean;
  /** `SMTP_550`, `SMTP_451`, or nodemailer's code (`ETIMEDOUT`, `ECONNECTION`, `ESOCKET`…). */
  code: string;
  message: string;
}

/**
 * 5xx replies are permanent; 4xx replies, timeouts, refused and dropped connections are transient and retried
 * with back-off. An error without a reply code before the envelope was accepted (bad address) is permanent too.
 */
export function classifySendError(error: unknown): SendFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (responseCode !== null) return { permanent: responseCode >= 500, code: `SMTP_${responseCode}`, message };
  const code = typeof e.code === 'string' ? e.code : 'MAIL_SEND_FAILED';
  return { permanent: code === 'EENVELOPE', code, message };
}
