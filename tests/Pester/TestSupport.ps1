# Dot-sourced by the *.Tests.ps1 files (Pester 5, PowerShell 7 or Windows PowerShell 5.1).
# Starts the W&B emulator (tests/WandbAuth.Demo --emulator-only), isolates the environment variables the module
# reads, and provides a SecretManagement vault the suite may write to (a real one, or the stand-in).

# $PSScriptRoot inside these functions is this file's folder, wherever they are called from.
function Get-RepoRoot {
    [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
}

function Import-WandbAuthUnderTest {
    $manifest = [System.IO.Path]::Combine((Get-RepoRoot), 'out', 'WandbAuth', 'WandbAuth.psd1')
    if (-not (Test-Path -LiteralPath $manifest)) { throw "$manifest does not exist: run ./build.ps1 first." }
    Import-Module $manifest -Force -ErrorAction Stop
}

# Starts the emulator with one user, alice (entity alice-team, email alice@example.com), and her key. Returns BaseUrl,
# Key (a SecureString) and what Stop-WandbTestEmulator needs. The key travels through a file readable only by this
# user, never stdout. For keyless sign-in, IdentityTokenFile holds a JWT for alice from the emulator's test issuer, and
# AccessTokenFile receives every access token the emulator hands out, one a line, as it is issued.
function Start-WandbTestEmulator {
    param([int] $TimeoutSeconds = 300)
    $root = Get-RepoRoot
    $project = [System.IO.Path]::Combine($root, 'tests', 'WandbAuth.Demo', 'WandbAuth.Demo.csproj')
    $stem = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'wandbauth-pester-' + [guid]::NewGuid().ToString('N'))
    $files = @{ KeyFile = "$stem.key"; IdentityTokenFile = "$stem.jwt"; AccessTokenFile = "$stem.access" }
    # build.ps1 -Task Test has built everything already and says so; run alone, `dotnet run` builds first.
    $options = ''
    if ($env:WANDBAUTH_PESTER_NO_BUILD) { $options += ' --no-build' }
    if ($env:WANDBAUTH_PESTER_CONFIGURATION) { $options += ' --configuration ' + $env:WANDBAUTH_PESTER_CONFIGURATION }

    $psi = New-Object System.Diagnostics.ProcessStartInfo
    $psi.FileName = 'dotnet'
    $psi.Arguments = "run --project `"$project`"$options -- --emulator-only --key-file `"$($files.KeyFile)`"" +
        " --identity-token-file `"$($files.IdentityTokenFile)`" --access-token-file `"$($files.AccessTokenFile)`""
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.WorkingDirectory = $root
    $process = [System.Diagnostics.Process]::Start($psi)

    $baseUrl = $null
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not $baseUrl) {
        $left = [int][Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
        $read = $process.StandardOutput.ReadLineAsync()
        if (-not $read.Wait($left)) {
            Stop-WandbTestEmulator (@{ Process = $process } + $files)
            throw "The W&B emulator did not report its address within $TimeoutSeconds s."
        }
        $line = $read.Result
        if ($null -eq $line) { throw "The W&B emulator exited (code $($process.ExitCode)) before reporting its address." }
        if ($line.StartsWith('BaseUrl=')) { $baseUrl = $line.Substring(8).Trim() }
    }
    # Its next lines are KeyFile= (the file is written before either line) and StandInModules=, the folder holding
    # the SecretManagement stand-in that the same build laid out.
    $null = $process.StandardOutput.ReadLine()
    $standIn = $process.StandardOutput.ReadLine()
    if (-not "$standIn".StartsWith('StandInModules=')) { throw "The W&B emulator wrote '$standIn' where StandInModules= was expected." }
    $key = ConvertTo-SecureString -String ([System.IO.File]::ReadAllText($files.KeyFile).Trim()) -AsPlainText -Force
    [pscustomobject](@{ BaseUrl = $baseUrl; Key = $key; Process = $process; StandInModules = $standIn.Substring(15).Trim() } + $files)
}

function Stop-WandbTestEmulator {
    param($Emulator)
    if (-not $Emulator) { return }
    $process = $Emulator.Process
    if ($process -and -not $process.HasExited) {
        # The emulator serves until its standard input closes.
        try { $process.StandardInput.Close() } catch { }
        if (-not $process.WaitForExit(15000)) {
            try { $process.Kill($true) } catch { $process.Kill() }
        }
    }
    foreach ($file in $Emulator.KeyFile, $Emulator.IdentityTokenFile, $Emulator.AccessTokenFile) {
        if ($file -and (Test-Path -LiteralPath $file)) { Remove-Item -LiteralPath $file -Force }
    }
}

# The emulator's key as plain text, only to place it where a user would keep it (a variable, a settings file).
function ConvertFrom-TestKey {
    param([securestring] $Key)
    (New-Object System.Net.NetworkCredential('', $Key)).Password
}

# Clears every variable the module reads and points the settings file and .netrc lookups at an empty folder, so
# neither this machine's own W&B keys nor another test's are found. Returns what Restore-WandbTestEnvironment needs.
function Reset-WandbTestEnvironment {
    $saved = @{}
    foreach ($name in 'WANDB_API_KEY', 'WANDB_IDENTITY_TOKEN_FILE', 'WANDB_BASE_URL', 'WANDB_ENTITY', 'WANDB_CONFIG_DIR', 'NETRC', 'TF_BUILD',
                      'GITHUB_ACTIONS', 'SYSTEM_OIDCREQUESTURI', 'SYSTEM_ACCESSTOKEN') {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'wandbauth-pester-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $folder
    $env:WANDB_CONFIG_DIR = $folder
    $env:NETRC = [System.IO.Path]::Combine($folder, 'no-netrc')
    Push-Location -LiteralPath $folder
    [pscustomobject]@{ Saved = $saved; Folder = $folder }
}

function Restore-WandbTestEnvironment {
    param($State)
    if (-not $State) { return }
    Pop-Location
    foreach ($name in $State.Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $State.Saved[$name]) }
    Remove-Item -LiteralPath $State.Folder -Recurse -Force -ErrorAction SilentlyContinue
}

# The default secret name Connect-Wandb looks for on a server other than the public cloud.
function Get-DefaultSecretName {
    param([string] $BaseUrl)
    $uri = [Uri]$BaseUrl
    'WandbApiKey-' + (($uri.Host + ':' + $uri.Port) -replace '[^0-9A-Za-z]', '-')
}

# A vault the suite may write to. $env:WANDBAUTH_TEST_VAULT names a registered vault of the real SecretManagement
# (any that does not prompt); otherwise the SecretManagement stand-in laid out by the emulator's build
# (tests/SecretManagement.StandIn: SecretManagement's public cmdlets over in-memory vaults) is imported and a vault
# WandbAuthPester registered in it. There is always a vault, so no test skips; when none can be had, this throws and
# the file's tests fail. Returns Name and Kind ('SecretManagement' or 'StandIn').
function Initialize-WandbTestVault {
    param([Parameter(Mandatory)] $Emulator)
    if ($env:WANDBAUTH_TEST_VAULT) {
        if (-not (Get-Module -ListAvailable -Name Microsoft.PowerShell.SecretManagement)) {
            throw "WANDBAUTH_TEST_VAULT is set but Microsoft.PowerShell.SecretManagement is not installed (Install-Module Microsoft.PowerShell.SecretManagement)."
        }
        Import-Module Microsoft.PowerShell.SecretManagement -ErrorAction Stop
        if (-not (Get-SecretVault -Name $env:WANDBAUTH_TEST_VAULT -ErrorAction SilentlyContinue)) {
            throw "WANDBAUTH_TEST_VAULT names '$env:WANDBAUTH_TEST_VAULT', which is not a registered vault."
        }
        return [pscustomobject]@{ Name = $env:WANDBAUTH_TEST_VAULT; Kind = 'SecretManagement' }
    }
    $manifest = [System.IO.Path]::Combine($Emulator.StandInModules, 'Microsoft.PowerShell.SecretManagement', 'Microsoft.PowerShell.SecretManagement.psd1')
    if (-not (Test-Path -LiteralPath $manifest)) { throw "The SecretManagement stand-in is not at ${manifest}: build tests/WandbAuth.Demo." }
    # Every test file of this run shares the one process-wide stand-in: import and register once.
    $name = 'WandbAuthPester'
    if (-not ('SecretManagement.StandIn.StandInVaults' -as [type])) { Import-Module $manifest -Global -ErrorAction Stop }
    if (-not (Get-SecretVault -Name $name -ErrorAction SilentlyContinue)) {
        [SecretManagement.StandIn.StandInVaults]::Register($name)
    }
    [pscustomobject]@{ Name = $name; Kind = 'StandIn' }
}

# Removes the secrets this run created (their names start with the prefix).
function Clear-WandbTestVault {
    param($Vault, [string] $Prefix)
    if (-not $Vault) { return }
    Get-SecretInfo -Vault $Vault.Name -Name "$Prefix*" -ErrorAction SilentlyContinue |
        ForEach-Object { Remove-Secret -Name $_.Name -Vault $Vault.Name -ErrorAction SilentlyContinue }
}

# A secret name unique to this run that Azure Key Vault would accept too.
function New-TestSecretName {
    param([string] $Prefix)
    $Prefix + [guid]::NewGuid().ToString('N').Substring(0, 8)
}
