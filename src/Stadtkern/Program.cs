using Stadtkern.Host;

return await Cli.Build().Parse(args).InvokeAsync();
