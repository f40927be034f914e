using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SecBot.Host.GateApi;

/// <summary>
/// The OpenAPI document at <c>/openapi.json</c>: the machine endpoints only (<c>/alerts/*</c> and <c>/api/*</c>, not the
/// chat platforms' own endpoints nor health), with the Gate API's bearer key as its security scheme.
/// </summary>
public static class ApiDocument
{
    public const string Route = "/openapi.json";
    public const string BearerScheme = "bearer";

    /// <summary>Chat platforms' endpoints under <c>/api</c>: theirs is the platform's contract, not this document's.</summary>
    private static readonly string[] Excluded = ["api/messages"];

    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => Includes(description.RelativePath);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "SecBot machine API";
                document.Info.Description = "Alert intake and the Gate API for deploy pipelines.";
                AddBearerScheme(document);
                AddWaitParameter(document);
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(Route);
        return endpoints;
    }

    public static bool Includes(string? relativePath)
    {
        var path = (relativePath ?? "").TrimStart('/');
        return (path.StartsWith("alerts/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("api/", StringComparison.OrdinalIgnoreCase))
            && !Excluded.Any(excluded => path.StartsWith(excluded, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The read's <c>?wait=</c>, which the handler reads itself so that a bad value gets the API's own 400.</summary>
    private static void AddWaitParameter(OpenApiDocument document)
    {
        if (document.Paths?.GetValueOrDefault($"{GateApiEndpoints.Path}/{{id}}")?.Operations?.GetValueOrDefault(HttpMethod.Get) is not { } read) return;
        read.Parameters ??= [];
        read.Parameters.Add(new OpenApiParameter
        {
            Name = "wait",
            In = ParameterLocation.Query,
            Required = false,
            Description = $"Seconds (0 to {GateApiEndpoints.LongestWait}) to hold the answer until anything in the gate changes.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
        });
    }

    private static void AddBearerScheme(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A key from SecBot:Api:Keys, as 'Authorization: Bearer <key>'.",
        };

        // The Gate API needs the key; alert sources present their routing key their own way.
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith(GateApiEndpoints.Path, StringComparison.OrdinalIgnoreCase) || item.Operations is null) continue;
            foreach (var operation in item.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
            }
        }
    }
}
