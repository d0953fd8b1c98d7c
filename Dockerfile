# syntax=docker/dockerfile:1
# One image for every app; APP selects which one runs (gateway, merger-service, dossier-service,
# petition-service, voting-service, evaluation-service). Jobs override the command (migrations:
# node dist/libs/service/src/cli/migrate.js <service>; admin units:
# node dist/apps/merger-service/src/cli/import-units.js).

# --- build: all dependencies, TypeScript compiled to JavaScript by SWC (scripts/build.js) ------
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# npm 11 may call its own lock file out of sync for other platforms' optional binaries; `npm
# install` then installs the same locked versions.
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json nx.json ./
COPY scripts ./scripts
COPY libs ./libs
COPY apps ./apps
RUN node scripts/build.js dist

# --- production dependencies only: no compiler, no embedded PostgreSQL, no test libraries -----
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# typeorm's optional peer ts-node (with typescript and @swc/core, 35 MB) comes along with the lock
# file; nothing loads it at run time (entities and migrations are compiled classes).
RUN (npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
     || npm install --omit=dev --ignore-scripts --no-audit --no-fund) \
 && rm -rf node_modules/typescript node_modules/ts-node node_modules/@swc \
 && npm cache clean --force

# --- runtime ------------------------------------------------------------------------------------
FROM node:24-bookworm-slim AS runtime
# tini as PID 1: forwards SIGTERM to node (Nest's shutdown hooks drain and close) and reaps.
RUN apt-get update && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    APP=gateway \
    ADMIN_UNITS_DIR=/app/data/admin-units
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json ./
COPY data/admin-units ./data/admin-units
# Read-only root friendly: nothing is written outside /tmp (mount an emptyDir/tmpfs there).
USER node
EXPOSE 4000 4001 4002 4003 4005 4006
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["sh", "-c", "exec node dist/apps/${APP}/src/main.js"]
