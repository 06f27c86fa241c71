// Deliberately plain: one @, no spaces or control characters, a dot in the domain. Header injection needs CR/LF.
const EMAIL = /^[^\s@<>()",;:\\[\]\u0000-\u001f\u007f]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

/** E.164: a plus and 8 to 15 digits. */
export const E164_PHONE = /^\+[1-9]\d{7,14}$/;
