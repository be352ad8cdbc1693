using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>Upload links for Core's rule tests: records what was asked and answers a URL that signs nothing.</summary>
public sealed class FakeUploadLinks : IUploadLinks
{
    public List<(string Path, DateTimeOffset ExpiresOn)> Asked { get; } = [];

    public Task<Uri> CreateAsync(string path, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        Asked.Add((path, expiresOn));
        return Task.FromResult(new Uri($"https://opslag.example/aanleveringen/{path}?sig=test"));
    }
}
