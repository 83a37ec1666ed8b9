# The api-server: the HTTP API, a Temporal client only. No LibreOffice here: it stays small.
# Base images are build arguments so the same file builds against public images or local stand-ins.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:21-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# The poms first: with the Maven cache mount, a change in the sources does not download dependencies again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY workflows/pom.xml workflows/
COPY worker/pom.xml worker/
COPY api-server/pom.xml api-server/
# Best effort: the reactor's own modules cannot be resolved before they are built; the package step fetches the rest.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl api-server -am dependency:go-offline -DexcludeReactor=true || true
COPY workflows/src workflows/src
COPY api-server/src api-server/src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl api-server -am package -DskipTests \
 && java -Djarmode=tools -jar api-server/target/api-server-*.jar extract --layers --launcher --destination /app

FROM ${JRE_IMAGE}
# curl for the healthcheck.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --create-home --home-dir /home/scriptorium scriptorium
WORKDIR /app
# One layer per Spring Boot layer: a code change rebuilds only the last, small one.
COPY --from=build /app/dependencies/ ./
COPY --from=build /app/spring-boot-loader/ ./
COPY --from=build /app/snapshot-dependencies/ ./
COPY --from=build /app/application/ ./
USER scriptorium
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    SERVER_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD curl -fsS http://127.0.0.1:8080/actuator/health/readiness || exit 1
# Exec form: SIGTERM reaches the JVM, which stops polling and lets running activities finish.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
