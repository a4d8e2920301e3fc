namespace MleDojo.Sandbox.Warm;

/// <summary>
/// The operator's cap on warm templates across all sessions of one provider: each template holds its imports in memory
/// for the session's whole life, so beyond the cap a session's runs go cold.
/// </summary>
internal sealed class WarmTemplateSlots(int capacity)
{
    private int _taken;

    /// <summary>The cap (0: no cap).</summary>
    public int Capacity => capacity;

    /// <summary>Takes a slot; false when all are taken.</summary>
    public bool TryTake()
    {
        if (capacity == 0)
        {
            return true;
        }

        while (true)
        {
            var taken = Volatile.Read(ref _taken);
            if (taken >= capacity)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _taken, taken + 1, taken) == taken)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back a slot taken with <see cref="TryTake"/>.</summary>
    public void Return()
    {
        if (capacity != 0)
        {
            Interlocked.Decrement(ref _taken);
        }
    }
}
