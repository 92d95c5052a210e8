using Microsoft.Extensions.Options;

namespace Stadtkern.Host;

/// <summary>Builds the web host: configuration, services and endpoints. Tests call it with their own overrides.</summary>
internal static class WebHost
{
    /// <summary>The options as a command sees them without a web host: appsettings.json, <c>STADTKERN_*</c> variables, then the command's flags.</summary>
    public static StadtkernOptions ReadOptions(Action<StadtkernOptions>? overrides = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddInMemoryCollection(StadtkernEnvironment.Read())
            .Build();
        var options = new StadtkernOptions();
        configuration.GetSection(StadtkernOptions.Section).Bind(options);
        overrides?.Invoke(options);
        return options;
    }

    public static WebApplication Build(string[] args, Action<StadtkernOptions>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile("appsettings.json", optional: true);
        builder.Configuration.AddInMemoryCollection(StadtkernEnvironment.Read());
        var options = new StadtkernOptions();
        builder.Configuration.GetSection(StadtkernOptions.Section).Bind(options);
        overrides?.Invoke(options);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(options);
        builder.Services.AddStadtkern(options);

        var app = builder.Build();
        app.MapStadtkern();
        return app;
    }
}

/// <summary>Maps <c>STADTKERN_X__Y</c> environment variables onto the <c>Stadtkern:X:Y</c> configuration keys.</summary>
internal static class StadtkernEnvironment
{
    public static IEnumerable<KeyValuePair<string, string?>> Read()
    {
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            var key = (string)e.Key;
            if (key.StartsWith("STADTKERN_", StringComparison.OrdinalIgnoreCase))
                yield return new($"{StadtkernOptions.Section}:{key["STADTKERN_".Length..].Replace("__", ":")}", e.Value as string);
        }
    }
}
