# The worker: hosts the workflows and activities, with LibreOffice for office conversion.
#   docker build --network host -f docker/worker.Dockerfile -t scriptorium/worker .
# Base images are build arguments so the same file builds against public images or local stand-ins
# (BUILD_IMAGE: Maven with a JDK 17; JRE_IMAGE: a Debian or Ubuntu based JRE 17+ with apt-get).
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:21-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# The poms first: this layer and the dependency download below are reused until a pom changes. The downloads live in
# a cache mount (also shared with the api-server's build), so even a pom change fetches only what is new.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY workflows/pom.xml workflows/
COPY worker/pom.xml worker/
COPY api-server/pom.xml api-server/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl worker -am dependency:go-offline
# .dockerignore leaves the tests out (CI runs them), so -DskipTests has nothing to compile there.
COPY workflows/src workflows/src
COPY worker/src worker/src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -o -pl worker -am package -DskipTests -Dcheckstyle.skip \
 && java -Djarmode=tools -jar worker/target/worker-*.jar extract --layers --launcher --destination /app

FROM ${JRE_IMAGE}
# Tesseract's languages for OCR (Debian's tesseract-ocr-<code> packages: eng, deu, fra, spa, chi-sim, ...).
ARG OCR_LANGUAGES="eng deu"
# LibreOffice (Writer for DOCX/DOC/ODT/RTF, Impress for PPTX, no GUI) and fonts for faithful PDF rendering; procps
# because jodconverter finds its LibreOffice process with `ps` (without it, the first conversion never connects);
# Tesseract for scanned pages; curl for the healthcheck.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libreoffice-writer-nogui libreoffice-impress-nogui fonts-dejavu-core fonts-liberation procps curl \
      tesseract-ocr $(for language in ${OCR_LANGUAGES}; do printf 'tesseract-ocr-%s ' "$language"; done) \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --user-group --create-home --home-dir /home/scriptorium scriptorium
WORKDIR /app
# One layer per Spring Boot layer, the least changing first: a code change rebuilds only the last, small one.
COPY --from=build /app/dependencies/ ./
COPY --from=build /app/spring-boot-loader/ ./
COPY --from=build /app/snapshot-dependencies/ ./
COPY --from=build /app/application/ ./
USER 10001:10001
# The JVM sizes its heap from the container's memory limit (MaxRAMPercentage), not the host's; the in-process
# embedding model and LibreOffice (a separate process) need the rest. An OutOfMemoryError ends the process so that
# the orchestrator restarts it and Temporal retries its activities elsewhere.
ENV JAVA_TOOL_OPTIONS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError" \
    SERVER_PORT=8081 \
    SCRIPTORIUM_CONVERSION_OFFICE_HOME=/usr/lib/libreoffice
EXPOSE 8081
# Readiness: the database, Temporal and the schema migration. The first start migrates the schema and loads the model.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=6 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8081/actuator/health/readiness || exit 1
# Exec form: SIGTERM reaches the JVM (PID 1), which stops polling and lets running activities finish.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
