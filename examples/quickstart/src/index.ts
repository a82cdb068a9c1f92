/**
 * izinkit quickstart: validate a customer's identity number before recording anything about them.
 * (Grows with the toolkit: each package adds its step here.)
 */
import { isValidTckn } from '@izinkit/identity';

const customer = { tckn: '10000000146' };
console.log(
  `TCKN ${customer.tckn} geçerli mi / valid? ${isValidTckn(customer.tckn) ? 'evet / yes' : 'hayır / no'}`,
);
