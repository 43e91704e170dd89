<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the WandbAuth module.

.DESCRIPTION
    The PowerShell user's entry point to the same MSBuild logic `dotnet build` runs: this script adds nothing
    to the module that `dotnet build` does not produce. Runs in PowerShell 7 and in Windows PowerShell 5.1;
    needs the .NET SDK (dotnet) on PATH.

      ./build.ps1                  Builds the importable module folder out/WandbAuth.
      ./build.ps1 -Task Test       Runs `dotnet test`, then the Pester 5 suite in tests/Pester.
      ./build.ps1 -Task Package    Builds (Release) and writes a .nupkg for the PowerShell Gallery to out/packages.
      ./build.ps1 -Task Demo       Runs the main job: a short session against the W&B emulator on loopback.

.PARAMETER Task
    Build (default), Test, Package or Demo.

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
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
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

# The shell running this script, so Pester runs under the same edition (Windows PowerShell or PowerShell 7).
function Get-ShellPath {
    (Get-Process -Id $PID).Path
}

function Invoke-PesterSuite {
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } |
        Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning ('Pester 5 is not installed, so the Pester suite in tests/Pester was NOT run. Install it with ' +
            "Install-PSResource Pester -Version '[5.0,6.0)' -Scope CurrentUser on PowerShell 7.4+, or " +
            'Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser -Force -SkipPublisherCheck on Windows PowerShell 5.1')
        return
    }
    $results = [System.IO.Path]::Combine($Root, 'out', 'TestResults', 'pester.xml')
    # A separate, non-interactive process: the module's DLL stays out of this session (so the next build can
    # overwrite it), and nothing in the suite can wait at a prompt.
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module Pester -RequiredVersion '$($pester.Version)'
`$config = New-PesterConfiguration
`$config.Run.Path = '$($PesterDir.Replace("'", "''"))'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = '$($results.Replace("'", "''"))'
`$result = Invoke-Pester -Configuration `$config
if (`$result.FailedCount -gt 0 -or `$result.Result -ne 'Passed') { exit 1 }
exit 0
"@
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))
    Write-Host "Pester $($pester.Version): $PesterDir" -ForegroundColor Cyan
    # `dotnet test` has just built the emulator host (tests/WandbAuth.Demo); the suite starts it without rebuilding.
    $env:WANDBAUTH_PESTER_NO_BUILD = '1'
    $env:WANDBAUTH_PESTER_CONFIGURATION = $Configuration
    try { & (Get-ShellPath) -NoProfile -NonInteractive -EncodedCommand $encoded }
    finally {
        Remove-Item Env:WANDBAUTH_PESTER_NO_BUILD, Env:WANDBAUTH_PESTER_CONFIGURATION -ErrorAction SilentlyContinue
    }
    if ($LASTEXITCODE -ne 0) { throw "The Pester suite failed (exit code $LASTEXITCODE); results in $results." }
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
        Invoke-Dotnet -Arguments @('test', [System.IO.Path]::Combine($Root, 'WandbAuth.sln'), '--configuration', $Configuration, '--nologo')
        Invoke-PesterSuite
    }
    'Package' {
        Invoke-Package
    }
    'Demo' {
        Invoke-Dotnet -Arguments @('run', '--project', $DemoProject, '--configuration', $Configuration)
    }
}
