namespace LerarenFunctions.Core.Files;

/// <summary>
/// The rows seen so far by their duplicate key (BSN, BRIN, grondslag, begindatum benoeming), with the row each key was
/// first seen on. Open addressing in one array of small structs: one cache line per row, no object per entry, which
/// is what a generic hash set of half a million keys costs most time on.
/// </summary>
internal sealed class DuplicateIndex
{
    private Entry[] _entries = new Entry[1024];
    private int _count;

    public int Count => _count;

    /// <summary>
    /// The row that first had this key; or 0 when the key is new, which then is recorded for <paramref name="row"/>
    /// (rows are numbered from 1, so 0 never is a row).
    /// </summary>
    public int FirstOrAdd(int bsn, uint brin, int grondslag, int day, int row)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(row, 1);
        if (_count >= _entries.Length / 4 * 3)
        {
            Grow();
        }

        var entries = _entries;
        var mask = entries.Length - 1;
        for (var slot = Slot(bsn, brin, grondslag, day, mask); ; slot = (slot + 1) & mask)
        {
            ref var entry = ref entries[slot];
            if (entry.Row == 0)
            {
                entry = new Entry(bsn, brin, grondslag, day, row);
                _count++;
                return 0;
            }

            if (entry.Bsn == bsn && entry.Brin == brin && entry.Grondslag == grondslag && entry.Day == day)
            {
                return entry.Row;
            }
        }
    }

    private static int Slot(int bsn, uint brin, int grondslag, int day, int mask)
    {
        var high = (((ulong)(uint)bsn << 32) | brin) * 0x9E37_79B9_7F4A_7C15UL;
        var low = (((ulong)(uint)day << 16) ^ (uint)grondslag) * 0xC2B2_AE3D_27D4_EB4FUL;
        return (int)((high ^ low) >> 32) & mask;
    }

    private void Grow()
    {
        var old = _entries;
        var entries = new Entry[old.Length * 2];
        var mask = entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Row == 0)
            {
                continue;
            }

            var slot = Slot(entry.Bsn, entry.Brin, entry.Grondslag, entry.Day, mask);
            while (entries[slot].Row != 0)
            {
                slot = (slot + 1) & mask;
            }

            entries[slot] = entry;
        }

        _entries = entries;
    }

    private readonly record struct Entry(int Bsn, uint Brin, int Grondslag, int Day, int Row);
}
