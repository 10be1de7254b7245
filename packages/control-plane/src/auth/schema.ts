// Accounts: sign-up, sign-in (browser session cookie), sign-out, password changes.
import { newId } from "@switchyard/core";
import { builder } from "../builder.ts";
import { audit } from "../graph/audit.ts";
import type { Context } from "../graph/context.ts";
import { COMMON_ERRORS } from "../graph/error-types.ts";
import { ConflictError, ForbiddenError, InputError, RateLimitedError } from "../graph/errors.ts";
import { email as parseEmail, name as parseName } from "../graph/input.ts";
import { UserType } from "../graph/user.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { clearedSessionCookie, newSessionToken, sessionCookie } from "./session-cookie.ts";
import { createSignInLimiter } from "./sign-in-limiter.ts";

const MIN_PASSWORD = 10;
const MAX_PASSWORD = 200;

interface SessionPayload {
  userId: string;
  expiresAt: Date;
}

const SessionPayloadType = builder.objectRef<SessionPayload>("SessionPayload").implement({
  description: "A browser session was started: the cookie is set on this response.",
  fields: (t) => ({
    user: t.prismaField({ type: UserType, resolve: (query, p, _a, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }) }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
  }),
});

const SignUpInput = builder.inputType("SignUpInput", {
  fields: (t) => ({ email: t.string({ required: true }), password: t.string({ required: true }), name: t.string() }),
});
const SignInInput = builder.inputType("SignInInput", {
  fields: (t) => ({ email: t.string({ required: true }), password: t.string({ required: true }) }),
});
const SetPasswordInput = builder.inputType("SetPasswordInput", {
  fields: (t) => ({ currentPassword: t.string({ description: "Required when the account already has a password." }), newPassword: t.string({ required: true }) }),
});

function checkPassword(field: string, password: string): string {
  if (password.length < MIN_PASSWORD) throw new InputError(field, `${field} must have at least ${MIN_PASSWORD} characters.`);
  if (password.length > MAX_PASSWORD) throw new InputError(field, `${field} must have at most ${MAX_PASSWORD} characters.`);
  return password;
}

async function startSession(ctx: Context, userId: string): Promise<SessionPayload> {
  const { token, tokenHash } = newSessionToken();
  const ttlSeconds = ctx.deps.accounts.sessionTtlHours * 3600;
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const userAgent = ctx.request.headers.get("user-agent")?.slice(0, 300) ?? null;
  await ctx.prisma.session.create({ data: { id: newId("ses"), userId, tokenHash, expiresAt, userAgent } });
  ctx.cookies.push(sessionCookie(token, ttlSeconds, ctx.deps.accounts.secureCookies));
  return { userId, expiresAt };
}

builder.mutationFields((t) => ({
  signUp: t.field({
    type: SessionPayloadType,
    description: "Creates an account and signs in (when the operator allows sign-ups).",
    errors: { types: [InputError, ConflictError, ForbiddenError] },
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      if (ctx.deps.accounts.signups !== "open") throw new ForbiddenError("Sign-ups are closed on this deployment: ask an operator for an account.");
      const email = parseEmail("email", input.email);
      const password = checkPassword("password", input.password);
      const name = input.name ? parseName("name", input.name) : null;
      if (await ctx.prisma.user.findUnique({ where: { email }, select: { id: true } })) throw new ConflictError("An account with this email already exists: sign in instead.");
      const id = newId("usr");
      await ctx.prisma.$transaction(async (tx) => {
        await tx.user.create({ data: { id, email, name, passwordHash: await hashPassword(password) } });
        await audit(tx, { auth: null }, { organizationId: null, action: "user.sign_up", targetType: "user", targetId: id });
      });
      return startSession(ctx, id);
    },
  }),
  signIn: t.field({
    type: SessionPayloadType,
    description: "Email and password sign-in; sets an httpOnly session cookie. Failed attempts are rate limited.",
    errors: { types: [InputError, RateLimitedError] },
    args: { input: t.arg({ type: SignInInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const email = input.email.trim().toLowerCase();
      const limiter = createSignInLimiter(ctx.deps.redis, ctx.deps.redisPrefix, ctx.deps.accounts.signIn);
      const wait = await limiter.blockedFor(email);
      if (wait > 0) throw new RateLimitedError(`Too many failed sign-ins for this account: try again in ${wait} s.`, wait);
      const user = await ctx.prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
      if (!(await verifyPassword(input.password, user?.passwordHash ?? null)) || !user) {
        await limiter.recordFailure(email);
        if (user) await audit(ctx.prisma, { auth: null }, { organizationId: null, action: "user.sign_in_failed", targetType: "user", targetId: user.id });
        throw new InputError("password", "Wrong email or password.");
      }
      await limiter.reset(email);
      const session = await startSession(ctx, user.id);
      await audit(ctx.prisma, { auth: null }, { organizationId: null, action: "user.sign_in", targetType: "user", targetId: user.id });
      return session;
    },
  }),
  signOut: t.boolean({
    description: "Revokes the current browser session and clears its cookie.",
    errors: { types: COMMON_ERRORS },
    authScopes: { authenticated: true },
    resolve: async (_root, _args, ctx) => {
      if (ctx.auth?.via !== "session") throw new ForbiddenError("Only browser sessions sign out; revoke an access token with revokeAccessToken.");
      await ctx.prisma.$transaction(async (tx) => {
        await tx.session.update({ where: { id: ctx.auth!.credentialId }, data: { revokedAt: new Date() } });
        await audit(tx, ctx, { organizationId: null, action: "user.sign_out", targetType: "session", targetId: ctx.auth!.credentialId });
      });
      ctx.cookies.push(clearedSessionCookie(ctx.deps.accounts.secureCookies));
      return true;
    },
  }),
  setPassword: t.boolean({
    description: "Sets or changes the caller's password (the current one is required when set).",
    errors: { types: COMMON_ERRORS },
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: SetPasswordInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const userId = ctx.auth!.userId;
      const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
      if (user.passwordHash && !(await verifyPassword(input.currentPassword ?? "", user.passwordHash))) throw new InputError("currentPassword", "The current password is wrong.");
      const passwordHash = await hashPassword(checkPassword("newPassword", input.newPassword));
      await ctx.prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: userId }, data: { passwordHash } });
        // Other browser sessions end with the old password.
        await tx.session.updateMany({ where: { userId, revokedAt: null, ...(ctx.auth?.via === "session" ? { id: { not: ctx.auth.credentialId } } : {}) }, data: { revokedAt: new Date() } });
        await audit(tx, ctx, { organizationId: null, action: "user.set_password", targetType: "user", targetId: userId });
      });
      return true;
    },
  }),
}));
