// The peers' mint.mjs with an issuer, which a node with a configured key requires (presence.jwt.issuer):
// makes an RSA key pair in DIR (public.pem, private.pem) if absent and prints N RS256 tokens of issuer
// presence-bench, comma-separated. Run from the peers' folder, whose node_modules has jose.
// Usage: node mint.mjs DIR N [tenant]
import { generateKeyPair, exportSPKI, exportPKCS8, importPKCS8, SignJWT } from 'jose';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const [dir, n = '16', tenant = 'acme'] = process.argv.slice(2);
if (!existsSync(`${dir}/private.pem`)) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  writeFileSync(`${dir}/public.pem`, await exportSPKI(publicKey));
  writeFileSync(`${dir}/private.pem`, await exportPKCS8(privateKey));
}
const key = await importPKCS8(readFileSync(`${dir}/private.pem`, 'utf8'), 'RS256');
const out = [];
for (let i = 0; i < Number(n); i++) {
  out.push(await new SignJWT({ name: `User ${i}`, tenant, groups: [] }).setProtectedHeader({ alg: 'RS256' })
    .setSubject(`u${i}`).setIssuer('presence-bench').setIssuedAt().setExpirationTime('2h').sign(key));
}
console.log(out.join(','));
