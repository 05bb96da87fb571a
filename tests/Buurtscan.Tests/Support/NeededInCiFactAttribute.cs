namespace Buurtscan.Tests.Support;

/// <summary>
/// A test that needs something CI installs (.ci/run) but a developer's machine may lack. Without it the test is
/// skipped, with the reason; in CI (the environment variable CI is set) it runs and fails with a clear message, so
/// CI never silently skips it.
/// </summary>
public abstract class NeededInCiFactAttribute : FactAttribute
{
    protected NeededInCiFactAttribute(bool present, string missing)
    {
        if (!present && !InCi) Skip = $"{missing}; with CI set this test fails instead";
    }

    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
}
