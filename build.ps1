<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the WandbAuth module.

.DESCRIPTION
    The PowerShell user's entry point to the same MSBuild logic `dotnet build` runs: this script adds nothing
    to the module that `dotnet build` does not produce. Runs in PowerShell 7 (installed, or the .NET tool) and in
    Windows PowerShell 5.1; needs the .NET SDK (dotnet) on PATH.

      ./build.ps1                  Builds the importable module folder out/WandbAuth.
      ./build.ps1 -Task Test       Runs `dotnet test`, then the Pester 5 suite in tests/Pester; fails if Pester is missing.
      ./build.ps1 -Task Pester     Builds, then runs only the Pester 5 suite.
      ./build.ps1 -Task Package    Builds (Release) and writes a .nupkg for the PowerShell Gallery to out/packages.
      ./build.ps1 -Task Demo       Runs the main job: a short session against the W&B emulator on loopback.

.PARAMETER Task
    Build (default), Test, Pester, Package or Demo.

.PARAMETER Configuration
    The MSBuild configuration. Default: Debug, as `dotnet build`; Release for -Task Package.

.EXAMPLE
    ./build.ps1; Import-Module ./out/WandbAuth; Get-Command -Module WandbAuth

.EXAMPLE
    ./build.ps1 -Task Package
    Publish-PSResource -NupkgPath ./out/packages/WandbAuth.0.1.0.nupkg -Repository PSGallery -ApiKey $galleryKey
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package', 'Demo')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$ModuleProject = [System.IO.Path]::Combine($Root, 'src', 'WandbAuth', 'WandbAuth.csproj')
$ModuleDir = [System.IO.Path]::Combine($Root, 'out', 'WandbAuth')
$PackageDir = [System.IO.Path]::Combine($Root, 'out', 'packages')
$PesterDir = [System.IO.Path]::Combine($Root, 'tests', 'Pester')
$DemoProject = [System.IO.Path]::Combine($Root, 'tests', 'WandbAuth.Demo', 'WandbAuth.Demo.csproj')

if (-not $Configuration) {
    if ($Task -eq 'Package') { $Configuration = 'Release' } else { $Configuration = 'Debug' }
}

function Invoke-Dotnet {
    param([Parameter(Mandatory)] [string[]] $Arguments)
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        throw 'The .NET SDK (dotnet) is not on PATH. Install it from https://dot.net and run build.ps1 again.'
    }
    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

function Invoke-ModuleBuild {
    # src/WandbAuth/WandbAuth.csproj lays out out/WandbAuth (manifest, dll, help, formats) after every build.
    Invoke-Dotnet -Arguments @('build', $ModuleProject, '--configuration', $Configuration, '--nologo')
    $manifest = [System.IO.Path]::Combine($ModuleDir, 'WandbAuth.psd1')
    if (-not (Test-Path -LiteralPath $manifest)) { throw "The build did not produce $manifest." }
    Write-Host "Module: $ModuleDir" -ForegroundColor Green
}

# The shell running this script, so Pester runs under the same edition (Windows PowerShell or PowerShell 7). A pwsh
# installed as a .NET tool runs inside dotnet, whose path the process has: that one is started as dotnet pwsh.dll.
function Get-ShellCommand {
    $path = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $arguments = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($path) -eq 'dotnet') { $arguments = @([System.IO.Path]::Combine($PSHOME, 'pwsh.dll')) }
    [pscustomobject]@{ Path = $path; Arguments = $arguments }
}

# Pester 5: the one `dotnet build tests/Tools` put in this clone's .tools/ first (the version CI uses), else the
# newest installed. Fails, saying how to get it, when there is none.
function Find-Pester {
    $local = [System.IO.Path]::Combine($Root, '.tools', 'Modules', 'Pester')
    $found = @()
    if (Test-Path -LiteralPath $local) {
        $found = @(Get-ChildItem -LiteralPath $local -Directory | ForEach-Object { Get-Module -ListAvailable -Name $_.FullName })
    }
    if ($found.Count -eq 0) { $found = @(Get-Module -ListAvailable -Name Pester) }
    $pester = $found | Where-Object { $_.Version -ge [version]'5.0' } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        throw ('Pester 5 is not installed, so the Pester suite in tests/Pester cannot run. Get it into this clone with ' +
            '"dotnet build tests/Tools" (Pester and PowerShell under .tools/, where build.ps1 looks first), or install it: ' +
            "Install-PSResource Pester -Version '[5.0,6.0)' -Scope CurrentUser on PowerShell 7.4+, or " +
            'Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser -Force -SkipPublisherCheck on Windows PowerShell 5.1')
    }
    $pester
}

# Runs tests/Pester and ends with the line "Pester counts: passed=N failed=N skipped=N notrun=N inconclusive=N
# failedblocks=N failedcontainers=N" that .ci/run reads. Fails when any test did not pass: none may skip.
function Invoke-PesterSuite {
    param([Parameter(Mandatory)] $Pester)
    $results = [System.IO.Path]::Combine($Root, 'out', 'TestResults', 'pester.xml')
    # A separate, non-interactive process: the module's DLL stays out of this session (so the next build can
    # overwrite it), and nothing in the suite can wait at a prompt.
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($Pester.Path.Replace("'", "''"))'
`$config = New-PesterConfiguration
`$config.Run.Path = '$($PesterDir.Replace("'", "''"))'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
if ([Console]::IsOutputRedirected -and `$config.Output.PSObject.Properties['RenderMode']) { `$config.Output.RenderMode = 'Plaintext' }
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = '$($results.Replace("'", "''"))'
`$r = Invoke-Pester -Configuration `$config
'Pester counts: passed={0} failed={1} skipped={2} notrun={3} inconclusive={4} failedblocks={5} failedcontainers={6}' -f
    `$r.PassedCount, `$r.FailedCount, `$r.SkippedCount, `$r.NotRunCount, `$r.InconclusiveCount, `$r.FailedBlocksCount, `$r.FailedContainersCount
if (`$r.Result -ne 'Passed' -or `$r.PassedCount -eq 0 -or (`$r.SkippedCount + `$r.NotRunCount + `$r.InconclusiveCount) -gt 0) { exit 1 }
exit 0
"@
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))
    $shell = Get-ShellCommand
    Write-Host "Pester $($Pester.Version) ($($Pester.ModuleBase)) in $((@($shell.Path) + $shell.Arguments) -join ' '): $PesterDir" -ForegroundColor Cyan
    # The emulator host (tests/WandbAuth.Demo) is built already; the suite starts it without rebuilding.
    $env:WANDBAUTH_PESTER_NO_BUILD = '1'
    $env:WANDBAUTH_PESTER_CONFIGURATION = $Configuration
    # Text, not CLIXML, on a redirected stderr; the shell's own arguments (pwsh.dll for the .NET tool) go first.
    try { & $shell.Path @($shell.Arguments) -NoProfile -NonInteractive -OutputFormat Text -EncodedCommand $encoded }
    finally {
        Remove-Item Env:WANDBAUTH_PESTER_NO_BUILD, Env:WANDBAUTH_PESTER_CONFIGURATION -ErrorAction SilentlyContinue
    }
    if ($LASTEXITCODE -ne 0) { throw "The Pester suite did not pass (exit code $LASTEXITCODE): a test failed, skipped or did not run; results in $results." }
}

function Publish-ToLocalFolder {
    param([Parameter(Mandatory)] [string] $Destination)
    $name = 'WandbAuthLocal' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    if (Get-Command Publish-PSResource -ErrorAction SilentlyContinue) {
        Register-PSResourceRepository -Name $name -Uri $Destination -Trusted
        try { Publish-PSResource -Path $ModuleDir -Repository $name }
        finally { Unregister-PSResourceRepository -Name $name }
        return
    }
    if (Get-Command Publish-Module -ErrorAction SilentlyContinue) {
        Register-PSRepository -Name $name -SourceLocation $Destination -PublishLocation $Destination -InstallationPolicy Trusted
        try { Publish-Module -Path $ModuleDir -Repository $name -NuGetApiKey 'local' }
        finally { Unregister-PSRepository -Name $name }
        return
    }
    throw ('Neither Publish-PSResource (Microsoft.PowerShell.PSResourceGet) nor Publish-Module (PowerShellGet) is ' +
        'available. Install one: Install-Module Microsoft.PowerShell.PSResourceGet -Scope CurrentUser')
}

function Invoke-Package {
    Invoke-ModuleBuild
    $manifest = Test-ModuleManifest -Path ([System.IO.Path]::Combine($ModuleDir, 'WandbAuth.psd1'))
    $psData = $manifest.PrivateData.PSData
    foreach ($field in 'Tags', 'ProjectUri', 'LicenseUri', 'ReleaseNotes') {
        if (-not $psData[$field]) { throw "The manifest has no PrivateData.PSData.$field; the PowerShell Gallery needs it." }
    }
    if (-not $manifest.Description) { throw 'The manifest has no Description; the PowerShell Gallery needs it.' }

    if (-not (Test-Path -LiteralPath $PackageDir)) { $null = New-Item -ItemType Directory -Path $PackageDir }
    $nupkg = [System.IO.Path]::Combine($PackageDir, "WandbAuth.$($manifest.Version).nupkg")
    if (Test-Path -LiteralPath $nupkg) { Remove-Item -LiteralPath $nupkg }
    Publish-ToLocalFolder -Destination $PackageDir
    if (-not (Test-Path -LiteralPath $nupkg)) { throw "Publishing did not produce $nupkg." }
    Write-Host "Package: $nupkg" -ForegroundColor Green
    Write-Host 'Publish it with: Publish-PSResource -NupkgPath <that file> -Repository PSGallery -ApiKey <key>'
}

switch ($Task) {
    'Build' {
        Invoke-ModuleBuild
    }
    'Test' {
        $pester = Find-Pester # before the long part: a missing Pester fails at once
        Invoke-Dotnet -Arguments @('test', [System.IO.Path]::Combine($Root, 'WandbAuth.sln'), '--configuration', $Configuration, '--nologo')
        Invoke-PesterSuite -Pester $pester
    }
    'Pester' {
        # The emulator host builds the module and lays out the SecretManagement stand-in the suite registers.
        $pester = Find-Pester
        Invoke-Dotnet -Arguments @('build', $DemoProject, '--configuration', $Configuration, '--nologo')
        Invoke-PesterSuite -Pester $pester
    }
    'Package' {
        Invoke-Package
    }
    'Demo' {
        Invoke-Dotnet -Arguments @('run', '--project', $DemoProject, '--configuration', $Configuration)
    }
}
