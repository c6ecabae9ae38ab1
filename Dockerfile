# syntax=docker/dockerfile:1
# Orders service: `docker build -t orders-service .` then `docker run -p 3000:3000 -v orders-data:/data orders-service`.

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: every dependency (better-sqlite3 compiles from source where no prebuilt binary fits,
#      hence python3/make/g++), the service and admin CLI bundles, then the dev dependencies go
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY libs ./libs
COPY apps ./apps
RUN npm run build \
  && npx nest build orders-cli \
  && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production dependencies (native modules already compiled) and the bundles only
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
# the official image's unprivileged user (uid 1000)
USER node
VOLUME ["/data"]
EXPOSE 3000
# no curl in slim images: node's own fetch; ready = both stores answer and the projector keeps up
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec form: node is PID 1 and receives SIGTERM directly (graceful shutdown)
# the heap cap of npm run start:prod (docs/operations.md#memory)
CMD ["node", "--max-old-space-size=160", "--max-semi-space-size=8", "dist/apps/orders-service/main.js"]
