# syntax=docker/dockerfile:1
# Multi-stage build of the news bot. Build: docker build -t newsbot .
# Run:  docker run -e Telegram__Token=... -v newsbot-state:/var/lib/newsbot newsbot
#       docker run -it newsbot            (no token: the console chat)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore layer: only the build files and project files, so source edits don't invalidate it.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/Bot.Core/Bot.Core.csproj src/Bot.Core/
COPY src/Bot.Storage/Bot.Storage.csproj src/Bot.Storage/
COPY src/Bot.Telegram/Bot.Telegram.csproj src/Bot.Telegram/
COPY src/Bot.Discord/Bot.Discord.csproj src/Bot.Discord/
COPY src/Bot.Scheduling/Bot.Scheduling.csproj src/Bot.Scheduling/
COPY src/Bot.Host/Bot.Host.csproj src/Bot.Host/
RUN dotnet restore src/Bot.Host/Bot.Host.csproj

COPY src/ src/
COPY config/ config/
COPY data/ data/
# The same publish command as the README (its restore finds the packages of the layer above).
RUN dotnet publish src/Bot.Host/Bot.Host.csproj -c Release -o publish

# ASP.NET Core runtime: the Telegram webhook endpoint runs on Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
# Time-zone data for scheduled digests in IANA zones.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/newsbot \
    && chown "$APP_UID" /var/lib/newsbot
WORKDIR /app
COPY --from=build /src/publish .
ENV DOTNET_ENVIRONMENT=Production \
    Storage__KnowledgePath=/var/lib/newsbot/knowledge.db \
    Storage__DigestsPath=/var/lib/newsbot/digests.db \
    Storage__SchedulesPath=/var/lib/newsbot/schedules.db \
    Telegram__StatePath=/var/lib/newsbot/telegram.db
VOLUME ["/var/lib/newsbot"]
# The images' non-root user (uid 1654).
USER $APP_UID
ENTRYPOINT ["dotnet", "Bot.Host.dll"]
