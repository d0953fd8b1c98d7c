# One image for every app; APP selects which one runs (gateway, merger-service, ...).
# Sources run through @swc-node/register (SWC transpiles at start; no separate build step).
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# npm 11 may call its own lock file out of sync for other platforms' optional binaries; `npm install`
# then installs the same locked versions.
RUN npm ci --omit=dev --no-audit --no-fund || npm install --omit=dev --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json nx.json ./
COPY libs ./libs
COPY apps ./apps
COPY data/admin-units ./data/admin-units
ARG APP=gateway
ENV APP=${APP} SWC_NODE_PROJECT=tsconfig.json
USER node
EXPOSE 4000
CMD ["sh", "-c", "exec node -r @swc-node/register apps/${APP}/src/main.ts"]
