# The ferry agent as a container: docker build -t ferry-agent . (after 'mvn -B package -DskipTests').
# The base image needs a Java 17 runtime; flows that use the default command also need python3.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

RUN useradd --system --create-home --home-dir /var/lib/ferry ferry
COPY cli/target/ferry.jar /opt/ferry/ferry.jar
# the storage plugins (S3, GCS, Azure, each with its SDK), loaded only by an agent whose blocks use them
COPY cli/target/plugins /opt/ferry/plugins
COPY deploy/jvm/agent.options deploy/jvm/archive /opt/ferry/
# the agent's class-data archive, made with the image's own JVM: a faster start and less memory
RUN /opt/ferry/archive agent /opt/ferry/ferry.jar /opt/ferry/agent.jsa /opt/ferry/agent.options

USER ferry
WORKDIR /var/lib/ferry
ENV FERRY_HOME=/var/lib/ferry MALLOC_ARENA_MAX=2

ENTRYPOINT ["java", "-XX:SharedArchiveFile=/opt/ferry/agent.jsa", "@/opt/ferry/agent.options", "-jar", "/opt/ferry/ferry.jar"]
CMD ["agent", "start", "-q", "default"]
