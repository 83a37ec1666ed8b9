# The api-server: the HTTP API, a Temporal client only. No LibreOffice here: it stays small.
#   docker build --network host -f docker/api-server.Dockerfile -t scriptorium/api-server .
# Base images are build arguments so the same file builds against public images or local stand-ins
# (BUILD_IMAGE: Maven with a JDK 17; JRE_IMAGE: a Debian or Ubuntu based JRE 17+ with apt-get).
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:21-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# The poms first: this layer and the dependency download below are reused until a pom changes. The downloads live in
# a cache mount (also shared with the worker's build), so even a pom change fetches only what is new.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY workflows/pom.xml workflows/
COPY worker/pom.xml worker/
COPY api-server/pom.xml api-server/
# Every module's pom, since the root pom lists them all; only those -pl names are built.
COPY client/pom.xml client/
COPY cli/pom.xml cli/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl api-server -am dependency:go-offline
# .dockerignore leaves the tests out (CI runs them), so -DskipTests has nothing to compile there.
COPY workflows/src workflows/src
COPY api-server/src api-server/src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -o -pl api-server -am package -DskipTests -Dcheckstyle.skip \
 && java -Djarmode=tools -jar api-server/target/api-server-*.jar extract --layers --launcher --destination /app

FROM ${JRE_IMAGE}
# curl for the healthcheck (the Temurin JRE images do not promise it).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --user-group --create-home --home-dir /home/scriptorium scriptorium
WORKDIR /app
# One layer per Spring Boot layer, the least changing first: a code change rebuilds only the last, small one.
COPY --from=build /app/dependencies/ ./
COPY --from=build /app/spring-boot-loader/ ./
COPY --from=build /app/snapshot-dependencies/ ./
COPY --from=build /app/application/ ./
USER 10001:10001
# The JVM sizes its heap from the container's memory limit, not the host's; the query embedding model needs the rest.
ENV JAVA_TOOL_OPTIONS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError" \
    SERVER_PORT=8080
EXPOSE 8080
# Readiness: the database, Temporal and the schema migration (which a worker runs).
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=6 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/actuator/health/readiness || exit 1
# Exec form: SIGTERM reaches the JVM (PID 1), which finishes in-flight requests before it exits.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
