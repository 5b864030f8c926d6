; Inno Setup script for the Windows installer of the Mattermost Export Assistant.
;
;   iscc /DAppVersion=<version from pyproject.toml> /DSourceDir=..\..\dist\mmexport /DOutputDir=..\..\dist packaging\windows\mmexport.iss
;
; Per-user install (no admin rights needed: staff often have none) into %LOCALAPPDATA%\Programs, German and
; English, a Start menu entry, an optional desktop icon and an uninstaller in "Apps & features". The version
; comes from pyproject.toml through the release workflow; there is no version number in this file.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z (the release workflow reads it from pyproject.toml)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\mmexport"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "Mattermost Export Assistant"
#define AppExe "mmexport-gui.exe"

[Setup]
AppId={{6F1C2D4E-8B3A-4C5D-9E7F-0A1B2C3D4E5F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Mattermost Export Assistant
VersionInfoVersion={#AppVersion}
; Where it goes. Per user (the default, no admin rights): %LOCALAPPDATA%\Programs\Mattermost Export Assistant,
; which is exactly where Windows 7 to 11 put {autopf} in this mode ({userpf} is FOLDERID_UserProgramFiles,
; %LOCALAPPDATA%\Programs). It is spelt out because wine 8 does not know that folder ("Failed to expand shell
; folder constant autopf"), and `make windows-check` installs it under wine. For all users (/ALLUSERS, or
; "install for all users" in the dialog, with admin rights) it is Program Files, as {autopf} would give: a
; per-user folder there would be the administrator's own, invisible to everyone else.
DefaultDirName={code:DefaultInstallDir}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=mmexport-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\mmexport.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
Name: "german"; MessagesFile: "compiler:Languages\German.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
german.DesktopIconText=Symbol auf dem &Desktop anlegen
english.DesktopIconText=Create a &desktop icon
german.LaunchText=Mattermost Export Assistant jetzt starten
english.LaunchText=Start the Mattermost Export Assistant now
german.AppComment=Mattermost-Chats in einem Ordner sichern, den Sie ohne Internet lesen können
english.AppComment=Save your Mattermost chats into a folder you can read offline

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIconText}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Code]
function DefaultInstallDir(Param: String): String;
begin
  if IsAdminInstallMode then
    Result := ExpandConstant('{commonpf}\{#AppName}')
  else
    Result := ExpandConstant('{localappdata}\Programs\{#AppName}');
end;

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchText}"; Flags: nowait postinstall skipifsilent
