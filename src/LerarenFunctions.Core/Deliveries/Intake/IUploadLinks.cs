namespace LerarenFunctions.Core.Deliveries;

/// <summary>Links that let a board write one file into the uploads itself, without a key of the service.</summary>
public interface IUploadLinks
{
    /// <summary>
    /// A URL that can create and write the one file at <paramref name="path"/> below the uploads container until
    /// <paramref name="expiresOn"/>, and do nothing else: not read it, not list, not delete, not write another name.
    /// </summary>
    Task<Uri> CreateAsync(string path, DateTimeOffset expiresOn, CancellationToken cancellationToken);
}
