// next-auth (v4) configuration: email + password, JWT sessions in an httpOnly SameSite=Lax cookie for 12 hours.
// The session only carries the user id: role and disabled state are read from the database on every request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/passwords";
import { clientAddress } from "@/lib/auth/client-address";
import { recordSignInFailure, recordSignInSuccess, signInVerdict } from "@/lib/auth/sign-in-limit";
import { config } from "@/lib/config";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const ZCredentials = z.object({ email: z.string().trim().toLowerCase().email().max(320), password: z.string().min(1).max(1024) });

/** next-auth hands `authorize` the request's headers as a plain object (lower-case names). */
export function signInAddress(headers: unknown): string {
  const plain = (headers ?? {}) as Record<string, string | string[] | undefined>;
  return clientAddress({ get: (name) => [plain[name]].flat()[0] ?? null });
}

export const authOptions: NextAuthOptions = {
  secret: config().NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const address = signInAddress(req?.headers);
        const verdict = signInVerdict(email, address);
        if (!verdict.allowed) throw new Error(`Too many sign-in attempts; wait ${verdict.retryAfterSeconds} s and try again`);
        if (verdict.delayMs) await new Promise((r) => setTimeout(r, verdict.delayMs));
        const user = await db().user.findUnique({ where: { email } });
        const ok = user && !user.disabledAt && (await verifyPassword(user.passwordHash, password));
        if (!ok) {
          recordSignInFailure(email, address);
          return null;
        }
        recordSignInSuccess(email, address);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
