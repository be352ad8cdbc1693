using System.Text.Json.Nodes;

namespace LerarenFunctions.Tests.Support;

/// <summary>Assertions on problem details (RFC 9457) answers.</summary>
public static class ProblemAssert
{
    /// <summary>Asserts the answer is <c>application/problem+json</c> and gives its body.</summary>
    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Asserts the answer is <c>application/problem+json</c> with <paramref name="title"/>, and gives its body.</summary>
    public static async Task<JsonObject> HasTitleAsync(HttpResponseMessage response, string title)
    {
        var problem = await ReadAsync(response);
        Assert.Equal(title, (string?)problem["title"]);
        return problem;
    }
}
