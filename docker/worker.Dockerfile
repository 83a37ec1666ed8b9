# The worker, in two targets that differ only in what is installed beside the JVM:
#   worker         parse, chunk, embed and index (no LibreOffice, no Tesseract): the main pool
#   worker-office  the same with LibreOffice and Tesseract, for office conversion and OCR (the default target)
#   docker build --network host -f docker/worker.Dockerfile --target worker -t scriptorium/worker .
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
# Every module's pom, since the root pom lists them all; only those -pl names are built.
COPY client/pom.xml client/
COPY cli/pom.xml cli/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl worker -am dependency:go-offline
# .dockerignore leaves the tests out (CI runs them), so -DskipTests has nothing to compile there.
COPY workflows/src workflows/src
COPY worker/src worker/src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -o -pl worker -am package -DskipTests -Dcheckstyle.skip \
 && java -Djarmode=tools -jar worker/target/worker-*.jar extract --layers --launcher --destination /app

# What both targets run on: a user, and curl for the healthcheck.
FROM ${JRE_IMAGE} AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --user-group --create-home --home-dir /home/scriptorium scriptorium
WORKDIR /app
# The JVM sizes its heap from the container's memory limit (MaxRAMPercentage), not the host's; the in-process
# embedding model and the child processes (PDF parsers, LibreOffice) need the rest. An OutOfMemoryError ends the
# process so that the orchestrator restarts it and Temporal retries its activities elsewhere.
ENV JAVA_TOOL_OPTIONS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError" \
    SERVER_PORT=8081
EXPOSE 8081
# Readiness: the database, Temporal and the schema migration. The first start migrates the schema and loads the model.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=6 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8081/actuator/health/readiness || exit 1
# Exec form: SIGTERM reaches the JVM (PID 1), which stops polling and lets running activities finish.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

# The main pool: no converter and no OCR engine, so it does not poll their task queues.
FROM runtime AS worker
# One layer per Spring Boot layer, the least changing first: a code change rebuilds only the last, small one.
COPY --from=build /app/dependencies/ ./
COPY --from=build /app/spring-boot-loader/ ./
COPY --from=build /app/snapshot-dependencies/ ./
COPY --from=build /app/application/ ./
USER 10001:10001
ENV SCRIPTORIUM_CONVERSION_ENABLED=false \
    SCRIPTORIUM_OCR_ENABLED=false

# The office pool's packages, below the application's layers so that a code change does not reinstall them.
FROM runtime AS office-runtime
# Tesseract's languages for OCR (Debian's tesseract-ocr-<code> packages: eng, deu, fra, spa, chi-sim, ...).
ARG OCR_LANGUAGES="eng deu"
# LibreOffice (Writer for DOCX/DOC/ODT/RTF, Impress for PPTX, no GUI) and fonts for faithful PDF rendering; procps
# because jodconverter finds its LibreOffice process with `ps` (without it, the first conversion never connects);
# Tesseract for scanned pages.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libreoffice-writer-nogui libreoffice-impress-nogui fonts-dejavu-core fonts-liberation procps \
      tesseract-ocr $(for language in ${OCR_LANGUAGES}; do printf 'tesseract-ocr-%s ' "$language"; done) \
 && rm -rf /var/lib/apt/lists/*

# Everything: converts, reads scans, and (without the office-pool profile) also ingests. The default target.
FROM office-runtime AS worker-office
COPY --from=build /app/dependencies/ ./
COPY --from=build /app/spring-boot-loader/ ./
COPY --from=build /app/snapshot-dependencies/ ./
COPY --from=build /app/application/ ./
USER 10001:10001
ENV SCRIPTORIUM_CONVERSION_OFFICE_HOME=/usr/lib/libreoffice \
    SCRIPTORIUM_CONVERSION_ENABLED=true \
    SCRIPTORIUM_OCR_ENABLED=true
