using System.Text;
using Microsoft.AspNetCore.Http;

namespace LerarenFunctions.Tests.Support;

/// <summary>Requests to hand a worker's HTTP function straight, as the Functions host would.</summary>
public static class FunctionRequests
{
    /// <summary>A request with <paramref name="authorization"/> as its header and, when given, a JSON body.</summary>
    public static HttpRequest Request(string authorization, string? body = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = authorization;
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            context.Request.ContentType = "application/json";
        }

        return context.Request;
    }
}
