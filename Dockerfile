# Build: mvn -B -DskipTests package && docker build -t herald:latest .
FROM eclipse-temurin:17-jre
RUN useradd --uid 10001 --user-group --no-create-home herald
WORKDIR /app
COPY target/herald.jar /app/herald.jar
COPY conf /app/conf
USER 10001
EXPOSE 8080 5701
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/herald.jar"]
