#!/usr/bin/env bash
# Runs once when the dev container is created: the tools the repository pins, and a local.settings.json so that
# `func start` in src/LerarenFunctions works at once against Azurite (AzureWebJobsStorage=UseDevelopmentStorage=true,
# as local.settings.example.json has it).
#
# Then, as in the README ("Running with Azure Functions Core Tools"):
#   npx azurite --skipApiVersionCheck --loose --location .azurite &        # storage on 10000-10002
#   dotnet run --project src/LerarenFunctions.RegisterSimulator &           # register on 7072
#   cd src/LerarenFunctions && func start                                   # worker on 7071
# or everything at once, without Core Tools: dotnet run --project src/LerarenFunctions.LocalHost
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci                   # Azurite, pinned in package.json / package-lock.json
dotnet tool restore      # smtp4dev, pinned in dotnet-tools.json
dotnet restore LerarenFunctions.sln

# local.settings.json is ignored by git; an existing one (your own settings) is left alone.
if [[ ! -f src/LerarenFunctions/local.settings.json ]]; then
  cp local.settings.example.json src/LerarenFunctions/local.settings.json
fi
