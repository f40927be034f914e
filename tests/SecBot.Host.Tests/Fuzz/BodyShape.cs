namespace SecBot.Host.Tests.Fuzz;

/// <summary>How an endpoint's bodies are written, which decides how they are spoiled.</summary>
internal enum BodyShape
{
    Json,
    Form,
}
