#!/usr/bin/env python3
"""Regenerates testdata/<format>.log and <format>.labels.jsonl from src/<format>.tmpl.

Run from internal/formats: python3 testdata/gen.py. Output is deterministic
(one seed per format name). Every secret is random text in the right shape,
generated here; none is a real credential.

Template placeholders:
  «kind»            a new fake secret of that kind, labelled
  «kind#name»       the same, remembered under name (later «=name» repeats it, labelled)
  «def:kind#name»    generates and remembers a secret without writing it
  «=name»           the remembered secret again, labelled
  «b64:name»        standard base64 of the remembered secret (labelled: k8s data, Basic auth)
  «b64u:user:name»  base64 of "user:" + secret (Basic auth), labelled
  «b64plain:user:name» base64 of "\0user\0" + secret (SMTP AUTH PLAIN), labelled
  «url:name»        percent-encoding of the remembered secret, labelled
  «json:name»       the remembered secret with JSON escaping, labelled
  «!kind»           random non-secret text (uuid, sha40, ...), not labelled
  «?kind»           the same, labelled "optional": a value that may be redacted or
                    not (signed-URL signatures, Sentry DSN public keys, push device
                    tokens, account ids), counted neither as a miss nor as a false positive
  a line holding «PEM» (RSA) or «PEMEC» expands to a private key block, body
  lines labelled; «CERT» and «PUB» to a certificate or public key block (not
  labelled); «PEMSSH» is an OpenSSH private key; the lines of one key share a
  "group" and count as one secret; the text around the placeholder is repeated on every line of the
  block, its «!filler» placeholders drawn afresh for each line;
  «pemjson» is a private key on one line with \\n escapes (each body chunk labelled);
  «pemjson2» the same with \\\\n (JSON inside JSON).
"""
import base64, hashlib, json, os, random, re, string, sys, urllib.parse, zlib

ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
B64 = ALNUM + "+/"
B64U = ALNUM + "-_"
HEX = "0123456789abcdef"


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.ts = 0

    def s(self, alphabet, n):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def crc_token(self, prefix):
        body = self.s(ALNUM, 30)
        n = zlib.crc32(body.encode()) & 0xFFFFFFFF
        d = ""
        for _ in range(6):
            d = B62[n % 62] + d
            n //= 62
        return prefix + body + d

    def password(self, symbols="!*-_.~^"):
        r = self.r
        style = r.randrange(4)
        if style == 0:
            words = ["Harbor", "violet", "Cobalt", "maple", "Falcon", "tundra", "Quartz", "ember", "Orchid", "Saffron", "glacier", "Nimbus"]
            return r.choice(words) + r.choice(symbols) + r.choice(words).lower() + str(r.randrange(10, 9999))
        if style == 1:
            return self.s(ALNUM + symbols, r.randrange(14, 24))
        if style == 2:
            return self.s(ALNUM, r.randrange(16, 28))
        return self.s(ALNUM, 6) + r.choice(symbols) + self.s(ALNUM, 8) + str(r.randrange(100))

    def jwt(self):
        hdr = base64.urlsafe_b64encode(json.dumps({"alg": "RS256", "typ": "JWT", "kid": self.s(HEX, 16)}, separators=(",", ":")).encode()).decode().rstrip("=")
        payload = {"sub": str(self.r.randrange(10**6, 10**9)), "iss": "https://auth.example.net/", "aud": "api", "iat": 1717000000 + self.r.randrange(10**6), "exp": 1717100000 + self.r.randrange(10**6), "jti": self.s(HEX, 24)}
        pl = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")
        sig = self.s(B64U, 342)
        return hdr + "." + pl + "." + sig

    def make(self, kind):
        r, s = self.r, self.s
        k = kind
        if k == "password": return self.password()
        if k == "pwsym": return self.password("!#$%&*+-=?@^_/")
        if k == "shortpw": return self.s(ALNUM, 8) + r.choice("!#$") + str(r.randrange(10, 99))
        if k == "ghp": return self.crc_token("ghp_")
        if k == "gho": return self.crc_token("gho_")
        if k == "ghs": return self.crc_token("ghs_")
        if k == "npm": return self.crc_token("npm_")
        if k == "github_pat": return "github_pat_11" + s(string.ascii_uppercase + string.digits, 20) + "_" + s(ALNUM, 59)
        if k == "glpat": return "glpat-" + s(ALNUM + "-_", 20)
        if k == "glptt": return "glptt-" + s(HEX, 40)
        if k == "glrt": return "glrt-" + s(ALNUM + "-_", 20)
        if k == "gldt": return "gldt-" + s(ALNUM + "-_", 20)
        if k == "akid": return "AKIA" + s(string.ascii_uppercase + "234567", 16)
        if k == "asia": return "ASIA" + s(string.ascii_uppercase + "234567", 16)
        if k == "awssecret": return s(ALNUM + "+/", 40)
        if k == "awssession": return "IQoJb3JpZ2luX2VjE" + s(ALNUM + "+/", 380) + "=="
        if k == "xoxb": return "xoxb-%d-%d-%s" % (r.randrange(10**10, 10**12), r.randrange(10**12, 10**13), s(ALNUM, 24))
        if k == "xoxp": return "xoxp-%d-%d-%d-%s" % (r.randrange(10**10, 10**12), r.randrange(10**10, 10**12), r.randrange(10**12, 10**13), s(HEX, 32))
        if k == "slackhook": return "T%s/B%s/%s" % (s(string.ascii_uppercase + string.digits, 10), s(string.ascii_uppercase + string.digits, 10), s(ALNUM, 24))
        if k == "sk_live": return "sk_live_51" + s(ALNUM, 97)
        if k == "sk_live_old": return "sk_live_" + s(ALNUM, 24)
        if k == "rk_live": return "rk_live_51" + s(ALNUM, 97)
        if k == "whsec": return "whsec_" + s(ALNUM, 32)
        if k == "aiza": return "AIza" + s(ALNUM + "-_", 35)
        if k == "sendgrid": return "SG." + s(ALNUM + "-_", 22) + "." + s(ALNUM + "-_", 43)
        if k == "twilio_sk": return "SK" + s(HEX, 32)
        if k == "openai": return "sk-proj-" + s(ALNUM + "-_", 74) + "T3BlbkFJ" + s(ALNUM + "-_", 74)
        if k == "anthropic": return "sk-ant-api03-" + s(ALNUM + "-_", 93) + "AA"
        if k == "jwt": return self.jwt()
        if k == "hvs": return "hvs." + s(ALNUM, 24)
        if k == "hvs_long": return "hvs.CAESI" + s(ALNUM + "-_", 81) + "Gh4KHGh2cy4" + s(ALNUM, 24)
        if k == "tfc": return s(ALNUM, 14) + ".atlasv1." + s(ALNUM, 67)
        if k == "hex32": return s(HEX, 32)
        if k == "hex40": return s(HEX, 40)
        if k == "hex64": return s(HEX, 64)
        if k == "b64_32": return base64.b64encode(bytes(r.randrange(256) for _ in range(32))).decode()
        if k == "b64_24": return base64.b64encode(bytes(r.randrange(256) for _ in range(24))).decode()
        if k == "alnum32": return s(ALNUM, 32)
        if k == "jwtio": return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        if k == "snowflake": return "12" + s(string.digits, 16)
        if k == "alnum40": return s(ALNUM, 40)
        if k == "azure_storage": return base64.b64encode(bytes(r.randrange(256) for _ in range(64))).decode()
        if k == "azure_ad": return s(ALNUM, 3) + r.choice("5678") + "Q~" + s(ALNUM + "~._-", 34)
        if k == "dckr": return "dckr_pat_" + s(ALNUM + "-_", 27)
        if k == "pypi": return "pypi-AgEIcHlwaS5vcmcCJ" + s(ALNUM + "-_", 150)
        if k == "doppler": return "dp.st.prd." + s(ALNUM, 43)
        if k == "shpat": return "shpat_" + s(HEX, 32)
        if k == "sq0csp": return "sq0csp-" + s(ALNUM + "-_", 43)
        if k == "mailgun": return "key-" + s(HEX, 32)
        if k == "newrelic": return "NRAK-" + s(string.ascii_uppercase + string.digits, 27)
        if k == "datadog": return s(HEX, 32)
        if k == "rediskey": return s(ALNUM, 32)
        if k == "session": return s(ALNUM, 32)
        if k == "pin": return "%03d-%03d-%03d" % (self.r.randrange(1000), self.r.randrange(1000), self.r.randrange(1000))
        if k == "pw15": return self.password()[:15]
        if k == "uuidsecret": return self.filler("uuid")
        if k == "discord": return s(ALNUM + "-_", 68)
        if k == "hubspot": return "pat-eu1-" + self.filler("uuid")
        if k == "ldsdk": return "sdk-" + self.filler("uuid")
        if k == "flask_session": return "eyJ" + s(B64U, 40) + "." + s(B64U, 6) + "." + s(B64U, 27)
        if k == "django_secret": return s(string.ascii_lowercase + string.digits + "!@#$%^&*(-_=+)", 50)
        if k == "b62_22": return s(ALNUM, 22)
        if k == "djreset": return s(string.ascii_lowercase + string.digits, 6) + "-" + s(HEX, 32)
        if k == "fernet": return base64.urlsafe_b64encode(bytes(r.randrange(256) for _ in range(32))).decode()
        if k == "b64_16s": return base64.b64encode(bytes(r.randrange(256) for _ in range(16))).decode()
        # round 3 (apache_httpd .. phoenix_elixir)
        if k == "okta": return "00" + s(ALNUM + "-_", 40)
        if k == "sonar": return "squ_" + s(HEX, 40)
        if k == "esapikey": return base64.b64encode((s(B64U, 20) + ":" + s(B64U, 22)).encode()).decode()
        if k == "esenroll":
            d = {"ver": "8.14.1", "adr": ["172.18.0.2:9200"], "fgr": s(HEX, 64), "key": s(B64U, 20) + ":" + s(B64U, 22)}
            return base64.b64encode(json.dumps(d, separators=(",", ":")).encode()).decode()
        if k == "kccode": return ".".join(self.filler("uuid") for _ in range(3))
        if k == "phxsession": return "SFMyNTY.g3QAAAAB" + s(B64U, 90) + "." + s(B64U, 43)
        if k == "aspxauth": return s("0123456789ABCDEF", 320)
        if k == "cfapi": return s(ALNUM + "-_", 40)
        if k == "erlcookie": return s(string.ascii_uppercase, 20)
        if k == "b64u43": return s(B64U, 43)
        raise SystemExit("unknown kind " + kind)

    # non-secret fillers
    def filler(self, k):
        r, s = self.r, self.s
        if k == "esc": return "\x1b"
        if k == "ghts":  # GitHub Actions log timestamps, increasing
            self.ts += self.r.randrange(100, 9000)
            return "2024-06-11T14:04:%02d.%07dZ" % (self.ts // 10**7 % 60, self.ts % 10**7)
        if k == "uuid":
            h = s(HEX, 32)
            return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], r.choice("89ab"), h[17:20], h[20:32])
        if k == "sha40": return s(HEX, 40)
        if k == "sha7": return s(HEX, 7)
        if k == "sha64": return s(HEX, 64)
        if k == "hex32": return s(HEX, 32)
        if k == "hex16": return s(HEX, 16)
        if k == "hex8": return s(HEX, 8)
        if k == "b64_16": return base64.b64encode(bytes(r.randrange(256) for _ in range(16))).decode()
        if k == "alnum32": return s(ALNUM, 32)
        if k == "jwtio": return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        if k == "snowflake": return "12" + s(string.digits, 16)
        if k == "reqid": return s(string.ascii_uppercase + string.digits, 20)
        if k == "port": return str(r.randrange(30000, 60000))
        if k == "ms": return str(r.randrange(1, 900))
        if k == "num": return str(r.randrange(100, 99999))
        if k == "ip": return "10.%d.%d.%d" % (r.randrange(256), r.randrange(256), r.randrange(1, 255))
        if k == "objid": return s(HEX, 24)
        if k == "b64_16s": return base64.b64encode(bytes(r.randrange(256) for _ in range(16))).decode()
        if k == "b64_32": return base64.b64encode(bytes(r.randrange(256) for _ in range(32))).decode()
        if k == "rv": return str(r.randrange(10**6, 10**9))
        if k == "b64_48": return base64.b64encode(bytes(r.randrange(256) for _ in range(48))).decode()
        if k == "b64_24": return base64.b64encode(bytes(r.randrange(256) for _ in range(24))).decode()
        if k == "hmac": return "hmac-sha256:" + s(HEX, 64)
        if k == "b64text": return base64.b64encode(r.choice([b'{"type":"ping","source":"scheduler","attempt":1}', b'order 4412 shipped to warehouse eu-west-1', b'{"event":"invoice.paid","id":"in_1PQ"}'])).decode()
        if k == "alnum20": return s(string.ascii_uppercase + string.digits, 20)
        if k == "b62_22": return s(ALNUM, 22)
        if k == "xrayid": return "1-%08x-%s" % (r.randrange(2**32), s(HEX, 24))
        if k == "guidU": return self.filler("uuid").upper()
        if k == "hex24": return s(HEX, 24)
        if k == "b64u20": return s(B64U, 20)
        if k == "b64u22": return s(B64U, 22)
        if k == "b64u43": return s(B64U, 43)
        if k == "oktaid": return r.choice(["00u", "0oa", "00g", "0pp"]) + s(ALNUM, 17)
        if k == "hexU32": return s("0123456789ABCDEF", 32)
        if k == "alnum12": return s(ALNUM, 12)
        if k == "alnum24": return s(ALNUM, 24)
        if k == "apr1": return "$apr1$" + s(ALNUM, 8) + "$" + s(ALNUM + "./", 22)
        if k == "bcrypt": return "$2y$10$" + s(ALNUM + "./", 53)
        raise SystemExit("unknown filler " + k)

    def b64lines(self, n, first, width=64):
        out = first
        need = width * n - len(first)
        out += self.s(B64, need)
        lines = [out[i:i + width] for i in range(0, len(out), width)]
        last = self.s(B64, self.r.randrange(20, 60)) + self.r.choice(["", "=", "=="])
        return lines + [last]


PUBLIC_PREFIX = {
    "ghp": 4, "gho": 4, "ghs": 4, "npm": 4, "github_pat": 11, "glpat": 6, "glrt": 5, "glptt": 6, "gldt": 5,
    "akid": 4, "asia": 4, "xoxb": 5, "xoxp": 5, "sk_live": 8, "sk_live_old": 8, "rk_live": 8, "whsec": 6,
    "aiza": 4, "sendgrid": 3, "twilio_sk": 2, "openai": 8, "anthropic": 13, "hvs": 4, "hvs_long": 4,
    "dckr": 9, "pypi": 5, "doppler": 10, "shpat": 6, "sq0csp": 7, "mailgun": 4, "newrelic": 5,
    "jwt": 0, "ldsdk": 4, "hubspot": 8, "sonar": 4, "phxsession": 16,
}

PH = re.compile(r"«([^«»]+)»")
lead_ph = re.compile(r"«(![^«»]+)»")


def render(name, tmpl):
    g = Gen(int(hashlib.sha256(name.encode()).hexdigest()[:12], 16))
    named = {}  # name -> (kind, value)
    out, labels = [], []

    groups = [0]

    def label(secret, kind, pp=0, group=False):
        rec = {"line": len(out) + 1, "secret": secret, "kind": kind}
        if group:
            rec["group"] = "key%d" % groups[0]
        if pp == -1:
            rec["optional"] = True
        elif pp == -2:
            rec["group"] = "key%d" % groups[0]
        elif pp:
            rec["public_prefix"] = pp
        labels.append(rec)

    for raw in tmpl.split("\n"):
        m = re.fullmatch(r"(.*?)«(PEM|PEMEC|PEMSSH|CERT|PUB)»(.*)", raw)
        if m:
            lead, kind, tail = m.group(1), m.group(2), m.group(3)

            def dress(text):
                return lead_ph.sub(lambda mm: g.filler(mm.group(1)[1:]), text)

            if kind == "PEM":
                b, e = "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----"
                body = g.b64lines(24, "MIIEowIBAAKCAQEA")
            elif kind == "PEMEC":
                b, e = "-----BEGIN EC PRIVATE KEY-----", "-----END EC PRIVATE KEY-----"
                body = g.b64lines(2, "MHcCAQEEI")
            elif kind == "PEMSSH":
                b, e = "-----BEGIN OPENSSH PRIVATE KEY-----", "-----END OPENSSH PRIVATE KEY-----"
                body = g.b64lines(4, "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW", 70)
            elif kind == "PUB":
                b, e = "-----BEGIN PUBLIC KEY-----", "-----END PUBLIC KEY-----"
                body = g.b64lines(6, "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")
            else:
                b, e = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"
                body = g.b64lines(17, "MIIDdzCCAl+gAwIBAgIU")
            groups[0] += 1
            out.append(dress(lead) + b + dress(tail))
            for bl in body:
                if kind.startswith("PEM"):
                    label(bl, "private-key", group=True)
                out.append(dress(lead) + bl + dress(tail))
            # a JSON or YAML list item's trailing comma is not repeated after the last item
            out.append(dress(lead) + e + (dress(tail)[:-1] if tail.endswith(",") else dress(tail)))
            continue
        line_labels = []

        def sub(mm):
            spec = mm.group(1)
            if spec.startswith("!"):
                return g.filler(spec[1:])
            if spec.startswith("?"):
                v = g.filler(spec[1:])
                line_labels.append((v, "optional-" + spec[1:], -1))
                return v
            if spec in ("pemjson", "pemjson2"):
                sep = "\\n" if spec == "pemjson" else "\\\\n"
                body = g.b64lines(12, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")
                groups[0] += 1
                for bl in body:
                    line_labels.append((bl, "private-key", -2))
                return sep.join(["-----BEGIN PRIVATE KEY-----"] + body + ["-----END PRIVATE KEY-----", ""])
            if spec.startswith("def:"):
                kind, _, nm = spec[4:].partition("#")
                named[nm] = (kind, g.make(kind))
                return ""
            if spec.startswith("="):
                kind, v = named[spec[1:]]
                line_labels.append((v, kind, PUBLIC_PREFIX.get(kind, 0)))
                return v
            for enc in ("b64:", "url:", "json:"):
                if spec.startswith(enc):
                    kind, v = named[spec[len(enc):]]
                    if enc == "b64:":
                        v = base64.b64encode(v.encode()).decode()
                    elif enc == "url:":
                        v = urllib.parse.quote(v, safe="")
                    else:
                        v = json.dumps(v)[1:-1]
                    line_labels.append((v, kind, 0))
                    return v
            if spec.startswith("b64plain:"):  # SMTP AUTH PLAIN: base64("\0user\0secret")
                _, user, nm = spec.split(":")
                kind, v = named[nm]
                v = base64.b64encode(("\0" + user + "\0" + v).encode()).decode()
                line_labels.append((v, "smtp-auth-plain", 0))
                return v
            if spec.startswith("b64u:"):
                _, user, nm = spec.split(":")
                kind, v = named[nm]
                v = base64.b64encode((user + ":" + v).encode()).decode()
                line_labels.append((v, "basic-auth", 0))
                return v
            kind, _, nm = spec.partition("#")
            v = g.make(kind)
            if nm:
                named[nm] = (kind, v)
            line_labels.append((v, kind, PUBLIC_PREFIX.get(kind, 0)))
            return v

        line = PH.sub(sub, raw)
        for v, kind, pp in line_labels:
            label(v, kind, pp)
        out.append(line)
    for i, l in enumerate(out):
        if "«" in l or "»" in l:
            raise SystemExit("%s:%d: unexpanded placeholder" % (name, i + 1))
    while out and out[-1] == "":
        out.pop()
    return out, labels


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = os.path.join(here, "src")
    for fn in sorted(os.listdir(src)):
        if not fn.endswith(".tmpl"):
            continue
        name = fn[:-5]
        with open(os.path.join(src, fn), encoding="utf-8", newline="") as f:
            lines, labels = render(name, f.read())
        with open(os.path.join(here, name + ".log"), "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(lines) + "\n")
        with open(os.path.join(here, name + ".labels.jsonl"), "w") as f:
            for l in labels:
                f.write(json.dumps(l) + "\n")
        print("%-22s %4d lines %3d secrets" % (name, len(lines), len(labels)))


if __name__ == "__main__":
    main()
