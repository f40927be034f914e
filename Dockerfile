# syntax=docker/dockerfile:1
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig appsettings.json ./
COPY src/ src/
RUN dotnet publish src/SecBot.Host/SecBot.Host.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The policy file; mount another and point SECBOT_SETTINGS at it to replace it.
COPY appsettings.json ./appsettings.json
RUN mkdir -p /data && chown app:app /data
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    SecBot__Database__Path=/data/secbot.db
VOLUME ["/data"]
EXPOSE 8080
# The runtime image has no curl; the service probes itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["dotnet", "SecBot.Host.dll", "healthcheck", "http://localhost:8080/healthz"]
ENTRYPOINT ["dotnet", "SecBot.Host.dll"]
