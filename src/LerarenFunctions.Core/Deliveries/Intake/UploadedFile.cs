namespace LerarenFunctions.Core.Deliveries;

/// <summary>A file in the uploads container, as a listing shows it.</summary>
/// <param name="File">Path, version and size, as <see cref="IDeliveryFiles.GetInfoAsync"/> would give them.</param>
/// <param name="LastModified">When this version was written.</param>
public sealed record UploadedFile(DeliveryFileInfo File, DateTimeOffset LastModified);
