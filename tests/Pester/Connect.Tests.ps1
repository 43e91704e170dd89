# Connect-Wandb from each place a key can come from, against the W&B emulator started here.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'TestSupport.ps1'))
    $Emulator = Start-WandbTestEmulator
    Import-WandbAuthUnderTest
    $Vault = Initialize-WandbTestVault -Emulator $Emulator
    $Prefix = 'WandbAuthPesterConnect'
    $PlainKey = ConvertFrom-TestKey $Emulator.Key
}

AfterAll {
    Disconnect-Wandb -ErrorAction SilentlyContinue
    Clear-WandbTestVault -Vault $Vault -Prefix $Prefix
    Stop-WandbTestEmulator $Emulator
}

Describe 'Connect-Wandb' {
    BeforeEach {
        $State = Reset-WandbTestEnvironment
        Disconnect-Wandb
    }

    AfterEach {
        Restore-WandbTestEnvironment $State
    }

    It 'connects with -ApiKey and verifies the key with the server' {
        $c = Connect-Wandb -ApiKey $Emulator.Key -BaseUrl $Emulator.BaseUrl -Verify
        $c.PSObject.TypeNames[0] | Should -Be 'WandbAuth.Connection'
        "$($c.Source)" | Should -Be 'Parameter'
        $c.Verified | Should -BeTrue
        $c.User | Should -Be 'alice'
        $c.DefaultEntity | Should -Be 'alice-team'
        (Get-WandbConnection).KeyId | Should -Be $c.KeyId
    }

    It 'connects with -Credential, whose password is the key' {
        $credential = New-Object System.Management.Automation.PSCredential('api', $Emulator.Key)
        $c = Connect-Wandb -Credential $credential -BaseUrl $Emulator.BaseUrl -Verify
        $c.User | Should -Be 'alice'
    }

    It 'finds WANDB_API_KEY and WANDB_BASE_URL' {
        $env:WANDB_API_KEY = $PlainKey
        $env:WANDB_BASE_URL = $Emulator.BaseUrl
        $c = Connect-Wandb -Verify
        "$($c.Source)" | Should -Be 'EnvironmentVariable'
        $c.SourceDetail | Should -Be 'WANDB_API_KEY'
    }

    It 'finds the api_key of a wandb settings file' {
        $settings = "[default]`napi_key = $PlainKey`nbase_url = $($Emulator.BaseUrl)`n"
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($env:WANDB_CONFIG_DIR, 'settings'), $settings)
        $c = Connect-Wandb -Verify
        "$($c.Source)" | Should -Be 'SettingsFile'
        $c.SourceDetail | Should -BeLike '*settings'
        $c.BaseUrl.Port | Should -Be ([Uri]$Emulator.BaseUrl).Port
    }

    It 'finds the machine entry of a .netrc file' {
        $uri = [Uri]$Emulator.BaseUrl
        $netrc = [System.IO.Path]::Combine($State.Folder, '.netrc')
        [System.IO.File]::WriteAllText($netrc, "machine $($uri.Host):$($uri.Port)`n  login user`n  password $PlainKey`n")
        $env:NETRC = $netrc
        $c = Connect-Wandb -BaseUrl $Emulator.BaseUrl -Verify
        "$($c.Source)" | Should -Be 'Netrc'
        $c.SourceDetail | Should -Be $netrc
    }

    It 'reads -Vault/-SecretName, and finds the default vault secret with no parameters' {
        $name = New-TestSecretName $Prefix
        Set-Secret -Name $name -SecureStringSecret $Emulator.Key -Vault $Vault.Name
        $c = Connect-Wandb -Vault $Vault.Name -SecretName $name -BaseUrl $Emulator.BaseUrl -Verify
        "$($c.Source)" | Should -Be 'SecretVault'
        $c.SourceDetail | Should -Be "$($Vault.Name)/$name"

        # The default name for this server is WandbApiKey-127-0-0-1-<port>; it is removed with the others below.
        $default = Get-DefaultSecretName $Emulator.BaseUrl
        Set-Secret -Name $default -SecureStringSecret $Emulator.Key -Vault $Vault.Name
        try {
            $c = Connect-Wandb -BaseUrl $Emulator.BaseUrl
            "$($c.Source)" | Should -Be 'SecretVault'
            $c.SourceDetail | Should -BeLike "*/$default"
        }
        finally { Remove-Secret -Name $default -Vault $Vault.Name }
    }

    It '-SaveToVault stores the key where the next Connect-Wandb finds it; -WhatIf stores nothing' {
        $name = New-TestSecretName $Prefix
        $null = Connect-Wandb -ApiKey $Emulator.Key -BaseUrl $Emulator.BaseUrl -Vault $Vault.Name -SecretName $name -SaveToVault -WhatIf
        Get-SecretInfo -Vault $Vault.Name -Name $name | Should -BeNullOrEmpty
        $null = Connect-Wandb -ApiKey $Emulator.Key -BaseUrl $Emulator.BaseUrl -Vault $Vault.Name -SecretName $name -SaveToVault -Confirm:$false
        $c = Connect-Wandb -Vault $Vault.Name -SecretName $name -BaseUrl $Emulator.BaseUrl -Verify
        $c.User | Should -Be 'alice'
    }

    It 'never prompts in a pipeline: no key and TF_BUILD set fails at once with how to give a key' {
        $env:TF_BUILD = 'True'
        { Connect-Wandb -BaseUrl $Emulator.BaseUrl } | Should -Throw -ErrorId 'WandbNoCredential,*'
        Get-WandbConnection | Should -BeNullOrEmpty
    }

    It 'refuses a malformed key before sending anything, naming the formats it expects' {
        $bad = ConvertTo-SecureString -String 'not-a-key' -AsPlainText -Force
        { Connect-Wandb -ApiKey $bad -BaseUrl $Emulator.BaseUrl } | Should -Throw -ErrorId 'WandbKeyMalformed,*'
    }

    It 'refuses plain http to a host that is not loopback' {
        { Connect-Wandb -ApiKey $Emulator.Key -BaseUrl 'http://wandb.example.com' } | Should -Throw -ErrorId 'WandbInsecureTransport,*'
    }

    It 'keeps no connection when -Verify is rejected' {
        $wrong = ConvertTo-SecureString -String ('a' * 40) -AsPlainText -Force
        { Connect-Wandb -ApiKey $wrong -BaseUrl $Emulator.BaseUrl -Verify } | Should -Throw -ErrorId 'WandbKeyRejected,*'
        Get-WandbConnection | Should -BeNullOrEmpty
    }

    It 'shows the key nowhere in the connection''s output' {
        $c = Connect-Wandb -ApiKey $Emulator.Key -BaseUrl $Emulator.BaseUrl -Verify -Verbose 4>&1
        ($c | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($PlainKey))
    }

    It 'Disconnect-Wandb forgets the connection' {
        $null = Connect-Wandb -ApiKey $Emulator.Key -BaseUrl $Emulator.BaseUrl
        Disconnect-Wandb
        Get-WandbConnection | Should -BeNullOrEmpty
    }
}
