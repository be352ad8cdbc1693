using LerarenFunctions.Cli;

return await CliApplication.RunAsync(args);
