# syntax=docker/dockerfile:1.7
# One image per Rapport application, built from this source tree (no JDK or Node.js needed on the host):
#   docker build --build-arg SERVICE=gateway -t rapport/gateway .
# SERVICE is the module: gateway, contacts-service, interactions-service, reminders-service or analytics-service.
# docker-compose.yml builds all five; the build stage is the same for each, so BuildKit runs it once and caches it.

# Node.js for the web module's build (Vite), which the gateway serves; the same major version as the team's machines.
FROM node:20-bookworm-slim AS node

# Stage 1: the Maven reactor but devstack (a laptop tool), tests skipped (CI runs them). Maven's and npm's downloads
# are cached between builds.
FROM eclipse-temurin:21-jdk-noble AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    ./mvnw -B -ntp -DskipTests -pl '!devstack' package

# Stage 2: Boot's layered jar split into its layers, least changing first, so an upgrade that changes only Rapport's
# own code ships one small layer.
FROM eclipse-temurin:21-jre-noble AS layers
ARG SERVICE
WORKDIR /layers
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# Stage 3: what runs. A JRE, curl for the healthcheck, and a user that is not root.
FROM eclipse-temurin:21-jre-noble
ARG SERVICE
LABEL org.opencontainers.image.title="rapport-${SERVICE}" \
      org.opencontainers.image.source="https://github.com/rapport-dev/rapport" \
      org.opencontainers.image.description="Rapport ${SERVICE}"
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 rapport \
 && useradd --system --uid 10001 --gid rapport --home-dir /app --shell /usr/sbin/nologin rapport \
 && install -d -o rapport -g rapport /var/lib/rapport
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
# In a container every application listens on 8080 (its API) and 9090 (Actuator: probes, Prometheus), which stays
# on the internal network. The heap is sized from the container's memory limit (three quarters of it; the rest is
# metaspace, threads, buffers); an OutOfMemoryError ends the process, so the orchestrator restarts it.
ENV SERVER_PORT=8080 \
    MANAGEMENT_PORT=9090 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080 9090
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:9090/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/application.jar"]
