using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Unit;

public sealed class PackedRecordsTests
{
    [Fact]
    public void Unpack_ReturnsTheSameRecords_WhenPacked()
    {
        var records = Records(count: 100, fieldLength: 10, seed: 1);

        var unpacked = PackedRecords.FromBytes(PackedRecords.Pack(records).Bytes.ToArray()).Unpack();

        Assert.Equal(records.Count, unpacked.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal((records[i].Row, records[i].Bsn, records[i].Brin, records[i].RowReference), (unpacked[i].Row, unpacked[i].Bsn, unpacked[i].Brin, unpacked[i].RowReference));
            Assert.Equal(records[i].Fields.OrderBy(f => f.Key), unpacked[i].Fields.OrderBy(f => f.Key));
        }
    }

    [Fact]
    public void Unpack_ThrowsInvalidData_WhenBytesAreNotPackedRecords()
    {
        Assert.Throws<InvalidDataException>(() => PackedRecords.FromBytes("geen brotli"u8.ToArray()).Unpack());
        Assert.Throws<InvalidDataException>(() => PackedRecords.FromBytes(CompactBytes.Compress("{\"r\":1}"u8)).Unpack());
    }

    [Fact]
    public void For_CarriesRowsAndBoard_WhenTheyFitInAMessage()
    {
        var packed = PackedRecords.Pack(Records(count: 100, fieldLength: 10, seed: 2));

        var claim = ForwardBatchMessages.TryParse(ForwardBatchMessages.Serialize(ForwardBatchMessages.For(Stored(packed), batches: 9)))!;

        Assert.True(packed.FitsInMessage);
        Assert.Equal(("10053", 3, 9), (claim.Bestuursnummer, claim.FailedAttempts, claim.Batches));
        Assert.Equal(packed.Bytes.ToArray(), claim.Records);
    }

    [Fact]
    public void For_IsAClaimCheckOnly_WhenRowsDoNotFitInAMessage()
    {
        // Sixteen fields of 200 random characters per row hardly compress: far beyond what a queue message holds.
        var packed = PackedRecords.Pack(Records(count: 100, fieldLength: 200, seed: 3));

        var message = ForwardBatchMessages.Serialize(ForwardBatchMessages.For(Stored(packed), batches: 9));

        Assert.False(packed.FitsInMessage);
        var claim = ForwardBatchMessages.TryParse(message)!;
        Assert.Equal(("10053-3f2a9c0d1e4b5a6978877665", 7, null, null), (claim.DeliveryId, claim.Batch, claim.Bestuursnummer, claim.Records));
    }

    [Fact]
    public void Serialize_StaysWithinAQueueMessage_WhenRowsJustFit()
    {
        var records = Records(count: 100, fieldLength: 200, seed: 4);
        var packed = PackedRecords.Pack(records);
        for (var count = 100; !packed.FitsInMessage; count--)
        {
            packed = PackedRecords.Pack(records.Take(count).ToList());
        }

        var message = ForwardBatchMessages.Serialize(ForwardBatchMessages.For(Stored(packed), batches: 9));

        // The queue holds 64 KB after its own base64.
        Assert.True(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(message)).Length <= 64 * 1024);
    }

    /// <summary>A batch as stored, with a version as long as a table row's ETag.</summary>
    private static Stored<Batch> Stored(PackedRecords packed) =>
        new(Batch.Open("10053-3f2a9c0d1e4b5a6978877665", 7, Bestuursnummer.Parse("10053"), packed, DateTimeOffset.UnixEpoch) with { FailedAttempts = 3 },
            "W/\"datetime'2026-11-30T21%3A55%3A39.6432180Z'\"");

    private static List<TeacherRecord> Records(int count, int fieldLength, int seed) =>
        SyntheticData.TeacherRecords(count, seed, fieldLength: fieldLength);
}
