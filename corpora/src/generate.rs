//! The seeded note generator: many kinds of notes, several templates each,
//! randomised sentence order and wording, and formatting noise.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::template::{Ctx, Noise};
use crate::{Note, ValueFormats};

macro_rules! hpi {
    () => {
        "{%{?{PT_TITLE}|{PT_FULL}|The patient|{PT_FIRST}} is {PT_AGE} {PT_SEX} {?with a history of|with|carrying a diagnosis of} {?major depressive disorder, recurrent ({ICD10})|generalized anxiety disorder|bipolar I disorder|PTSD|schizoaffective disorder|ADHD and {EPONYM}} who {?presents|returns|comes in|was seen} for {?follow-up|medication management|ongoing care|a scheduled visit}. |{PT_HE} reports {?low mood|poor sleep|increased anxiety|irritability|racing thoughts} {RELATIVE_DATE}{?, worse since {?moving from {COUNTRY}|losing {PT_HIS} job|{PT_HIS} {REL_ROLE} got sick}|}. |{~Symptoms began in {YEAR}. }|{~{PT_HIS} {REL_ROLE} {REL_FULL} {?accompanied the patient today|called the clinic|is concerned about {PT_HIS} drinking}. }|{~Last seen by {DR} on {DATE}. }|{~{PT_HE} was hospitalized at {FACILITY} in {YEAR}{?| and again {RELATIVE_DATE}}. }|{~{?{PT_HE} expressed {K:COMMON_WORD:hope} about the new job|{PT_HIS} {K:COMMON_WORD:faith} community is supportive|{PT_HE} says {PT_HIS} {K:COMMON_WORD:patience} is thin|{PT_HE} {K:COMMON_WORD:will} continue weekly therapy|{PT_HE} {K:COMMON_WORD:rose} early most days|there has been {K:COMMON_WORD:mark}ed improvement|{PT_HE} was {K:COMMON_WORD:frank} about relapse|{PT_HE} feels {K:COMMON_WORD:joy} with {PT_HIS} grandchildren}. }}"
    };
}

macro_rules! meds {
    () => {
        "{?Current meds: {MEDICATION}, {MEDICATION}.|Continue {MEDICATION}; start {MEDICATION}.|Medications reviewed: {MEDICATION} daily and {MEDICATION} as needed.|Taking {MEDICATION} {?(adherent)|with good effect|but missing doses}.}"
    };
}

macro_rules! mse {
    () => {
        "{H:Mental Status Exam}\n{?Alert, oriented x3. Mood \"okay,\" affect constricted. Thought process linear. Denies SI/HI.|Appearance: casually dressed, fair hygiene. Speech: normal rate. Mood: {SCORE}. Affect: euthymic. TP: goal directed. TC: no SI/HI/AVH. Insight/judgment: fair.|Calm, cooperative, good eye contact; mood anxious, affect congruent; no psychosis; insight fair.}\n"
    };
}

macro_rules! plan {
    () => {
        concat!(
            "{H:Assessment and Plan}\n{%{?Dx: {ICD10}.|Diagnosis {ICD10}{?, r/o {ICD10}|}.} |{SCORE} {RELATIVE_DATE}{?, {SCORE} today|}. |",
            meds!(),
            " |{~Labs: {LAB}. }|{~Vitals: {VITAL}, {VITAL}. }}\nRTC {?in 4 weeks|on {NEXT_DATE}|{RELATIVE_DATE}}{?| with {DR}}. {~Billing: {CPT}.}\n"
        )
    };
}

/// (kind, templates)
const KINDS: &[(&str, &[&str])] = &[
    (
        "psych_progress_note",
        &[
            concat!(
                "{?PSYCHIATRY PROGRESS NOTE|Psychiatric Progress Note|Outpatient Psychiatry - Follow Up|BEHAVIORAL HEALTH FOLLOW-UP}\n",
                "{?Patient|Name|Pt}: {?{PT_CAPS}|{PT_FULL}}   {?MRN|MR#|Med Rec #|Chart No.}: {PT_MRN}\n",
                "{?DOS|Date of service|Visit date|Date}: {VISIT_DATE}\n",
                "{?Clinician|Provider|Seen by}: {DR_FULL}\n\n",
                "{H:Subjective}\n", hpi!(), "\n\n", mse!(), "\n", plan!(), "\n{DR_SIG}\n"
            ),
            concat!(
                "{H:Progress Note} {VISIT_DATE}\n",
                "{PT_FULL} ({PT_AGE}, DOB {PT_DOB}) seen {?in person|via video|by telehealth} at {CLINIC}.\n",
                hpi!(), " ", meds!(), "\n",
                "{?{PT_FIRST} says {PT_HE} {?feels|has felt} better since starting {MEDICATION} in {YEAR}.|Discussed sleep hygiene; {PT_HE} will try {MEDICATION} at bedtime.|{PT_TITLE} denies {?alcohol|cannabis|stimulant} use {RELATIVE_DATE}.}\n",
                "{?Safety: no SI. Crisis line and {CLINIC_PHONE} given.|Safety plan reviewed with {PT_FIRST} and {PT_HIS} {REL_ROLE} {REL}.|Denies SI/HI. {SCORE}.}\n",
                plan!(), "\n{DR_SIG}\n"
            ),
            concat!(
                "Pt: {PT_CAPS} | DOB: {PT_DOB} | MRN {PT_MRN} | {VISIT_DATE}\n",
                "{?CC|Chief complaint|Reason for visit}: \"{?I can't sleep|my anxiety is through the roof|the meds are helping|I'm doing ok}\"\n",
                "{PT_FIRST}{?,| is} {PT_AGE} {PT_SEX} {?from {PT_CITY}, {PT_STATE}|living in {COUNTY}|who moved here from {COUNTRY} in {YEAR}}, {?here for|seen for} med check. ",
                "{%{PT_HE} reports mood {SCORE}. |{PT_HIS} {REL_ROLE}, {REL_FULL}, {?lives with {PT_HIS}|is supportive|was present for part of the visit}. |Sleep {?6|5|8} hrs. |{~{PT_HE} works at {FACILITY}. }}\n",
                "{?Plan|PLAN|P}: {MEDICATION}; {MEDICATION}. f/u {NEXT_DATE}.\n",
                "{?Seen and discussed with|Staffed with|Supervising physician:} {DR}. {STAFF}, RN {?present|scribing}.\n"
            ),
        ],
    ),
    (
        "psych_intake",
        &[
            concat!(
                "{?INITIAL PSYCHIATRIC EVALUATION|Psychiatric Intake Assessment|NEW PATIENT INTAKE}\n",
                "{H:Identifying Data}\n{PT_FULL}, {PT_AGE} {PT_SEX}, DOB {PT_DOB}, MRN {PT_MRN}. Referred by {DR_ANY} of {FACILITY}.\n",
                "{H:History of Present Illness}\n", hpi!(), "\n",
                "{H:Past Psychiatric History}\n{?First treated in {YEAR} for {?depression|panic attacks|an eating disorder}.|Hospitalized {?twice|x3|once} ({?most recently|last} {DATE} at {FACILITY}).|No prior hospitalizations. Tried {MEDICATION} and {MEDICATION} in the past.} {~Suicide attempt {?at age {AGE}|in {YEAR}|{RELATIVE_DATE}} by overdose.}\n",
                "{H:Family History}\n{?Mother with {EPONYM}; father with alcohol use disorder.|{REL_ROLE} {REL_FULL} has bipolar disorder.|Maternal grandmother died at {AGE_OVER_89} of {EPONYM}.|Noncontributory.}\n",
                "{H:Social History}\n{%Born in {?{CITY}, {STATE}|{COUNTRY}}. |Lives {?alone|with {PT_HIS} {REL_ROLE} {REL}|with roommates} at {PT_ADDRESS}. |{?Works as a {?teacher|nurse|driver|cashier|software engineer}|Unemployed since {YEAR}|Retired}. |{~Drives a {?2014 Honda Civic|pickup truck|Ford Escape}, plate {PLATE}. }|{~Completed school in {COUNTRY}. }|{~Grew up in {NEIGHBORHOOD}. }}\n",
                "{H:Contact}\n{?Cell|Phone|Home|Mobile}: {PT_PHONE}{~  Email: {PT_EMAIL}}\n",
                mse!(), plan!(), "{DR_SIG}\n"
            ),
            concat!(
                "Intake - {CLINIC}\n",
                "Date: {VISIT_DATE}\tClinician: {DR_FULL}\n",
                "Client: {PT_CAPS}\tDOB: {PT_DOB}\tAge: {PT_AGE_NUM}\n",
                "Address: {PT_ADDRESS_LINES}\n",
                "Phone: {PT_PHONE}\tSSN: {?{SSN}|{SSN_LAST4}}\n",
                "Insurance: {?Medicaid|Aetna|BCBS|UnitedHealthcare|Medicare} ID {HEALTH_PLAN_ID}\n",
                "Emergency contact: {REL_FULL} ({REL_ROLE}) {PHONE}\n\n",
                "Presenting problem: ", hpi!(), "\n",
                "Substance use: {?denies|alcohol {?2-3 drinks/day|on weekends}|cannabis daily since {YEAR}} {~- AUDIT-C {?4|7|9}}.\n",
                "Trauma hx: {?denies|MVA {RELATIVE_DATE}|assault in {YEAR}|childhood abuse reported}.\n",
                "Screening: {SCORE}; {SCORE}.\n",
                "Dx: {ICD10}. Plan: {MEDICATION}. Next appt {NEXT_DATE}.\n"
            ),
        ],
    ),
    (
        "discharge_summary",
        &[
            concat!(
                "{?DISCHARGE SUMMARY|Discharge Summary|Inpatient Psychiatry Discharge Summary}\n",
                "{?Patient Name|Patient|NAME}: {PT_CAPS}\n{?MRN|Medical Record Number|MR#}: {PT_MRN}\n",
                "{?Admission Date|Admitted|Date of Admission}: {ADMIT_DATE}\n{?Discharge Date|Discharged|Date of Discharge}: {DISCHARGE_DATE}\n",
                "{?Attending|Attending Physician}: {DR_FULL}\n{?Unit|Facility}: {CLINIC}\n\n",
                "{H:Reason for Admission}\n{PT_FULL} is {PT_AGE} {PT_SEX} admitted {?on a voluntary basis|involuntarily|via the ED} for {?suicidal ideation|mania|psychosis|alcohol withdrawal} after {?an overdose|a fall at home|police brought {PT_HIS} in from {PT_CITY}} {RELATIVE_DATE}.\n",
                "{H:Hospital Course}\n{%{?{PT_TITLE}|{PT_FIRST}|The patient} was started on {MEDICATION} and titrated to {MEDICATION}. |{?Labs notable for {LAB}.|{LAB}; {LAB}.} |Vitals stable ({VITAL}, {VITAL}). |{~Family meeting held with {PT_HIS} {REL_ROLE} {REL_FULL} on {DATE}. }|{~Social work ({STAFF}) arranged housing at {STREET}. }}\n",
                "{H:Discharge Diagnoses}\n1. {ICD10}\n2. {?{EPONYM}|{ICD10}}\n",
                "{H:Discharge Medications}\n- {MEDICATION}\n- {MEDICATION}\n- {MEDICATION}\n",
                "{H:Follow-up}\n{DR_ANY} at {FACILITY}, {NEXT_DATE}. Phone {CLINIC_PHONE}, fax {CLINIC_FAX}.\n",
                "{DR_SIG}\n"
            ),
            concat!(
                "{CLINIC}\n{CLINIC_ADDRESS}\n\n",
                "DISCHARGE NOTE   {PT_CAPS}   Acct# {ACCOUNT}\n",
                "Adm {ADMIT_DATE}  Disch {DISCHARGE_DATE}  LOS {?5|9|12|3} days\n",
                "{PT_TITLE}, {PT_AGE}, was admitted for {?worsening depression|catatonia|lithium toxicity ({LAB})}. ",
                "{?ECT was considered.|Course uncomplicated.|{PT_HE} required IM {MEDICATION} x1.} ",
                "{PT_HE} was born {?on {PT_DOB}|in {PT_BIRTH_YEAR}} and lives {?in {PT_CITY}|near {PT_CITY}, {PT_STATE}}. ",
                "Meds at discharge: {MEDICATION}, {MEDICATION}.\n",
                "Condition: {?stable|improved}. {SCORE} at discharge vs {SCORE} on admission.\n",
                "Follow up with {DR} {RELATIVE_DATE}; pharmacy: {FACILITY} ({PHONE}).\n",
                "{DR_SIG}\n"
            ),
        ],
    ),
    (
        "soap_note",
        &[
            concat!(
                "{H:S} {PT_FIRST} {?reports|states|c/o} {?headache|fatigue|poor appetite|anxiety at work} {RELATIVE_DATE}. {~{PT_HIS} {REL_ROLE} {REL} {?drove {PT_HIS}|is with {PT_HIS}}.} {~Hx of {EPONYM}.}\n",
                "{H:O} {VITAL}, {VITAL}, {VITAL}. {?Exam unremarkable.|Tremor noted.|Alert and oriented.} {~{LAB}.}\n",
                "{H:A} {ICD10}{?; {ICD10}|}. {SCORE}.\n",
                "{H:P} {MEDICATION}. {?RTC {NEXT_DATE}|F/u {RELATIVE_DATE}|Labs in 2 weeks}. {~Call {CLINIC_PHONE} with questions.}\n",
                "{DR_SIG} {VISIT_DATE}\n"
            ),
            concat!(
                "Visit {VISIT_DATE} - {PT_CAPS} (MRN {PT_MRN})\n",
                "SUBJECTIVE: ", hpi!(), "\n",
                "OBJECTIVE: {VITAL}  {VITAL}  {VITAL}\n",
                "ASSESSMENT: {PT_AGE} {PT_SEX} with {ICD10}, {?stable|improving|worse}.\n",
                "PLAN: ", meds!(), " {~Refer to {DR_ANY}.} Next: {NEXT_DATE}.\n",
                "{STAFF} (MA) / {DR}\n"
            ),
        ],
    ),
    (
        "referral_letter",
        &[
            concat!(
                "{CLINIC}\n{CLINIC_ADDRESS}\nTel {CLINIC_PHONE} | Fax {CLINIC_FAX}\n\n",
                "{VISIT_DATE}\n\n",
                "{DR_ANY}\n{FACILITY}\n{ADDRESS}\n\n",
                "Re: {PT_FULL}, DOB {PT_DOB}{~, MRN {PT_MRN}}\n\n",
                "Dear {?Dr.|Doctor} {LAST_NAME},\n\n",
                "Thank you for {?seeing|evaluating|accepting} {PT_TITLE}, {PT_AGE} {PT_SEX} {?with|whom I follow for} {ICD10}. ",
                "{%{PT_HE} has been on {MEDICATION} since {YEAR}. |{?{PT_HIS} most recent {SCORE}.|{SCORE} on {DATE}.} |{~{PT_HIS} {REL_ROLE}, {REL_FULL}, can be reached at {PHONE}. }|{~I would appreciate your opinion regarding possible {EPONYM}. }}\n\n",
                "{?Sincerely|Kind regards|Best regards|With thanks},\n\n{DR_FULL}\n{?NPI|NPI #|NPI:} {NPI}{~  DEA {DEA}}\n"
            ),
            concat!(
                "REFERRAL\nTo: {FACILITY} {?Intake|Admissions|Dept. of Neurology}\nFrom: {DR_FULL}, {CLINIC}\nDate: {VISIT_DATE}\n",
                "Patient: {PT_CAPS}   DOB: {PT_DOB}   Phone: {PT_PHONE}\n",
                "Insurance: {HEALTH_PLAN_ID} ({?Medicare|Medicaid|Cigna|Humana})\n",
                "Reason: {?evaluation for {EPONYM}|TMS consult|neuropsych testing|eating disorder program}. ",
                "{PT_FIRST} {?is|, age} {PT_AGE}, {?lives in {PT_CITY}|resides in {COUNTY}}. Meds: {MEDICATION}; {MEDICATION}.\n",
                "Please fax records to {CLINIC_FAX} or email {EMAIL}.\n{DR_SIG}\n"
            ),
        ],
    ),
    (
        "portal_message",
        &[
            concat!(
                "From: {PT_FULL} <{PT_EMAIL}>\nTo: {DR_FULL}\nSent: {VISIT_DATE}\nSubject: {?refill|question about my meds|appointment|side effects}\n\n",
                "{?Hi|Hello|Dear} {?Dr. {DR_LAST}|Dr {DR_LAST}|doc},\n",
                "{%{?I've been taking the {MEDICATION}|The {MEDICATION} isn't working} {RELATIVE_DATE}. |{?Can you send a refill to the pharmacy on {STREET}?|Could we move my appointment from {DATE} to {DATE_DAY_MONTH}?|My {REL_ROLE} {REL} says I seem better.} |{~You can call me at {PT_PHONE}. }|{~I'll be in {STATE} visiting family until {DATE_DAY_MONTH}. }}\n",
                "{?Thanks|Thank you|thx},\n{?{PT_FIRST}|{PT_FULL}|{PT_INITIALS}}\n"
            ),
            concat!(
                "MyChart message | {VISIT_DATE}\n",
                "{PT_CAPS} -> {CLINIC}\n",
                "{?hi its|Hello, this is} {?{PT_FIRST}|{PT_FULL}} {?(dob {PT_DOB})|}. {?i need a note for work saying i was out {RELATIVE_DATE}|my insurance changed, new member id {HEALTH_PLAN_ID}|please update my address to {PT_ADDRESS}|the pharmacy said the {MEDICATION} needs prior auth}.\n",
                "---\nReply from {STAFF}, RN: {?Sent to {DR} for review.|Updated. Your next visit is {NEXT_DATE}.|Please call {CLINIC_PHONE}.}\n"
            ),
            concat!(
                "Patient portal - secure message\nFrom: {PT_EMAIL}\nIP: {IP}\nDate: {VISIT_DATE}\n",
                "{PT_FIRST} writes: \"{?my {REL_ROLE} {REL_FULL} passed away {RELATIVE_DATE} and i cant stop crying|i feel like the {MEDICATION} makes me shaky|can i get my records sent to {FACILITY}}\"\n",
                "Triage ({STAFF}): {?PHQ screen sent.|{SCORE} on screen.|Routed to {DR}.} {~Link: {URL}}\n"
            ),
        ],
    ),
    (
        "phone_log",
        &[
            concat!(
                "{?TELEPHONE ENCOUNTER|Phone Note|Telephone call}\n{?Date/time|Date}: {VISIT_DATE}\n",
                "{?Caller|Call from}: {?{PT_FULL} (patient)|{REL_FULL}, {PT_HIS} {REL_ROLE}} at {PHONE}\n",
                "{?Re|Regarding|Patient}: {PT_CAPS}, MRN {PT_MRN}\n",
                "{%{?Caller reports|States} {PT_FIRST} {?has not slept|missed doses of {MEDICATION}|was seen at {FACILITY}} {RELATIVE_DATE}. |{~Advised to go to the ED if worse. }|Callback number confirmed: {PT_PHONE}. |{~Message left for {DR}. }}\n",
                "{?-{STAFF}, RN|Taken by {STAFF}|{STAFF} LPN}\n"
            ),
            concat!(
                "{VISIT_DATE} Called pt back re: {?lab results|refill|missed appt}. {?LVM|Left voicemail|No answer} at {PT_PHONE}. ",
                "{?Spoke with {PT_HIS} {REL_ROLE} {REL} instead.|Will try again {RELATIVE_DATE}.|Pt returned call; {LAB} reviewed.} ",
                "{~Pharmacy ({FACILITY}) fax {FAX}.} {STAFF}\n"
            ),
        ],
    ),
    (
        "medication_list",
        &[
            concat!(
                "MEDICATION LIST - {PT_CAPS} - DOB {PT_DOB}\nPrinted {VISIT_DATE} by {STAFF}\n\n",
                "| Medication | Sig | Started | Prescriber |\n|---|---|---|---|\n",
                "| {MEDICATION} | daily | {DATE} | {DR_LAST} |\n",
                "| {MEDICATION} | qHS | {YEAR} | {DR_LAST} |\n",
                "| {MEDICATION} | BID | {DATE} | {LAST_NAME} |\n",
                "| {MEDICATION} | PRN | {RELATIVE_DATE} | {DR_LAST} |\n",
                "\nAllergies: {?NKDA|penicillin|sulfa}\nPharmacy: {FACILITY}, {PHONE}\n"
            ),
            concat!(
                "Med Rec\t{PT_FULL}\t{PT_MRN}\n",
                "Drug\tDose\tLast fill\n",
                "{MEDICATION}\t1 tab\t{DATE}\n",
                "{MEDICATION}\t2 tabs\t{DATE}\n",
                "{MEDICATION}\t1 tab\t{DATE_MONTH_YEAR}\n",
                "Reconciled with {PT_HIS} {REL_ROLE} {REL} on {VISIT_DATE}. {~Prescriber DEA {DEA}, NPI {NPI}.}\n"
            ),
        ],
    ),
    (
        "demographics",
        &[
            concat!(
                "{?PATIENT DEMOGRAPHICS|Face Sheet|REGISTRATION}\n",
                "Name:\t{PT_CAPS}\nDOB:\t{PT_DOB}\nAge:\t{PT_AGE_NUM}\nSex:\t{PT_SEX}\n",
                "SSN:\t{?{SSN}|{SSN_LAST4}}\nMRN:\t{PT_MRN}\nAccount:\t{ACCOUNT}\n",
                "Address:\t{PT_ADDRESS}\n{?Home Phone|Phone|Tel}:\t{PT_PHONE}\nEmail:\t{PT_EMAIL}\n",
                "County:\t{COUNTY}\nLanguage:\t{?English|Spanish|Vietnamese|Polish|Somali}\nBirthplace:\t{COUNTRY}\n",
                "Primary Insurance:\t{HEALTH_PLAN_ID}\nGroup:\t{?Employer plan|Medicaid managed care}\n",
                "Emergency Contact:\t{REL_FULL} ({REL_ROLE})  {PHONE}\n",
                "PCP:\t{DR_FULL}  NPI {NPI}\nDriver's License:\t{LICENSE} ({STATE})\n"
            ),
            concat!(
                "{PT_CAPS}   MRN: {PT_MRN}   DOB: {PT_DOB} ({PT_AGE_NUM}{?y| yo|})   {PT_SEX}\n",
                "{PT_ADDRESS_LINES}\n",
                "H: {PT_PHONE}   W: {PHONE}\n",
                "Ins: {?Medicare MBI|Medicaid #|Member ID|Subscriber #} {HEALTH_PLAN_ID}   Policy #: {HEALTH_PLAN_ID}\n",
                "Enc: {VISIT_DATE}  Loc: {CLINIC}  Attending: {DR_FULL}\n"
            ),
        ],
    ),
    (
        "email_thread",
        &[
            concat!(
                "From: {DR_FULL} <{EMAIL}>\nTo: {STAFF} <{EMAIL}>\nCc: {PERSON}\nDate: {DATETIME}\nSubject: RE: {PT_LAST} {?- placement|follow-up|discharge planning}\n\n",
                "{?Thanks|Got it|Agree}. {?Can you call {PT_HIS} {REL_ROLE} at {PHONE}?|{PT_TITLE} is ok to discharge {RELATIVE_DATE}.|Let's hold the {MEDICATION} until {DATE_DAY_MONTH}.}\n\n",
                "> On {DATE}, {STAFF} wrote:\n> {PT_FULL} ({PT_MRN}) {?was readmitted|missed {PT_HIS} appt|needs a bed at {FACILITY}}. {?{PT_HE} is {PT_AGE}.|Family in {STATE}.|{SCORE}.}\n> {~Sent from {?my iPhone|Outlook}}\n\n",
                "--\n{DR_FULL}\n{CLINIC} | {CLINIC_PHONE} | {URL}\n"
            ),
            concat!(
                "-----Original Message-----\nFrom: {EMAIL}\nSent: {DATETIME}\nTo: {EMAIL}\nSubject: {?records request|ROI|appt change} for {PT_CAPS}\n\n",
                "{?Hello|Hi team},\n{?Please send records for {PT_FULL}, DOB {PT_DOB}, to {FACILITY}.|Attached is the ROI signed by {PT_FIRST} on {DATE}.|{PT_FIRST} asked to reschedule to {DATE_DAY_MONTH} at {RELATIVE_DATE}.}\n",
                "{?Regards|Thanks},\n{PERSON}\n{?Medical Records|Front Desk}, {FACILITY}\n{PHONE} (o) | {FAX} (f)\n"
            ),
        ],
    ),
    (
        "table",
        &[
            concat!(
                "VISIT LOG\n",
                "Date\tPatient\tMRN\tProvider\tCPT\n",
                "{DATE}\t{PERSON}\t{MRN}\t{DR_LAST}\t{CPT}\n",
                "{DATE}\t{PERSON}\t{MRN}\t{DR_LAST}\t{CPT}\n",
                "{DATE}\t{PERSON}\t{MRN}\t{LAST_NAME}\t{CPT}\n",
                "{DATE}\t{PERSON}\t{MRN}\t{DR_LAST}\t{CPT}\n"
            ),
            concat!(
                "| Patient | DOB | Age | Dx | Score |\n| --- | --- | --- | --- | --- |\n",
                "| {PERSON} | {DOB} | {AGE_NUM} | {ICD10} | {SCORE} |\n",
                "| {PERSON} | {DOB} | {AGE_NUM_OVER_89} | {ICD10} | {SCORE} |\n",
                "| {PERSON} | {DOB} | {AGE_NUM} | {ICD10} | {SCORE} |\n",
                "Prepared by {STAFF} on {VISIT_DATE}.\n"
            ),
            concat!(
                "LAB RESULTS  {PT_CAPS}  {PT_MRN}\n",
                "Collected {DATETIME}   Ordering: {DR_FULL}\n",
                "{LAB}\n{LAB}\n{LAB}\n{VITAL}\n",
                "Accession # {ID}\n"
            ),
        ],
    ),
    (
        "ed_note",
        &[
            concat!(
                "EMERGENCY DEPARTMENT NOTE\nArrival: {DATETIME}  Mode: {?EMS|walk-in|police}\n",
                "{PT_CAPS}, {PT_AGE_NUM}{?{PT_SEX}| {PT_SEX}| y/o {PT_SEX}}, MRN {PT_MRN}\n",
                "{%{?Brought in from|BIBA from|Found at} {?{STREET}|a shelter in {PT_CITY}|{FACILITY}} after {?a fall|an intentional ingestion|agitation}. |{?Per EMS,|Per {PT_HIS} {REL_ROLE} {REL_FULL},} {PT_HE} {?took {?20|30} tabs of {MEDICATION}|was wandering on the highway|had not eaten {RELATIVE_DATE}}. |Triage vitals {VITAL}, {VITAL}. |{~Vehicle {VIN} towed from scene. }}\n",
                "{?Tox: {LAB}.|UDS positive for cannabis.|EtOH 0.{?12|18|21}.} {SCORE}.\n",
                "Dispo: {?admit to psychiatry|transfer to {FACILITY}|discharge with outpatient f/u}. {DR_SIG}\n"
            ),
            concat!(
                "ED Triage {VISIT_DATE}\nName: {PT_FULL}  DOB {PT_DOB}  Ph {PT_PHONE}\n",
                "CC: {?SI|chest pain|panic|confusion}. {PT_AGE}. {~Pacemaker (serial {DEVICE_ID}).} {~Insulin pump SN {DEVICE_ID}.}\n",
                "Hx: {EPONYM}, {ICD10}. Meds: {MEDICATION}.\n",
                "Contact: {REL_FULL}, {PHONE}. {~Home: {PT_ADDRESS}.}\n",
                "Triage RN {STAFF}\n"
            ),
        ],
    ),
    (
        "nursing_note",
        &[
            concat!(
                "{?Nursing Note|NURSING SHIFT NOTE|RN Note} {VISIT_DATE} {?0700-1900|1900-0700|day shift}\n",
                "{%{PT_TITLE} {?slept {?4|6|7} hours|was calm on the unit|attended groups}. |{VITAL}; {VITAL}. |{PT_HE} received {MEDICATION} {RELATIVE_DATE}. |{~Visitor: {REL_FULL} ({REL_ROLE}). }|{~Belongings inventoried; phone and wallet locked (locker {?12|7|31}). }|{~Q15 checks maintained. }}\n",
                "{STAFF}, RN\n"
            ),
            concat!(
                "Pt {PT_INITIALS} in room {?412B|7|22A}. {?Denies SI.|Agitated after call with {PT_HIS} {REL_ROLE}.|Refused {MEDICATION}.} ",
                "{?Notified {DR}.|Will monitor.|PRN given.} {~Fall risk ({SCORE}).} -{STAFF}\n"
            ),
        ],
    ),
    (
        "consult_note",
        &[
            concat!(
                "CONSULTATION-LIAISON PSYCHIATRY\nRequested by: {DR_ANY} ({?medicine|surgery|OB})\nDate: {VISIT_DATE}\n",
                "Patient: {PT_FULL}, {PT_AGE}, {?room|bed} {?5W-12|ICU 4|318}\n",
                "Reason: {?capacity evaluation|delirium|depression in setting of {EPONYM}|agitation}.\n",
                hpi!(), "\n",
                "{?Recommendations|Recs}: {%1) {MEDICATION}. |2) {?Avoid benzodiazepines.|EKG for QTc.|Check {LAB}.} |3) Will follow {RELATIVE_DATE}. }\n",
                "{DR_SIG}\n"
            ),
        ],
    ),
    (
        "billing",
        &[
            concat!(
                "CLAIM SUMMARY\nClaim #: {ACCOUNT}\nPatient: {PT_CAPS}  DOB: {PT_DOB}\n",
                "Member ID: {HEALTH_PLAN_ID}  Group: {?employer|Medicaid}\n",
                "Guarantor: {REL_FULL}, {PT_ADDRESS}\n",
                "Rendering provider: {DR_FULL}, NPI {NPI}, Lic. {LICENSE}\n",
                "DOS {VISIT_DATE}  CPT {CPT}  Dx {ICD10}  Units 1\n",
                "DOS {DATE}  CPT {CPT}  Dx {ICD10}  Units 1\n",
                "Card on file: {ACCOUNT}  Billing acct {ACCOUNT}\n",
                "{~Refund to IBAN {IBAN}.\n}"
            ),
            concat!(
                "Statement for {PT_FULL}\nAccount Number: {ACCOUNT}\nStatement date: {VISIT_DATE}\n",
                "Pay online at {URL} or call {CLINIC_PHONE}.\n",
                "{CLINIC}, {CLINIC_ADDRESS}\n",
                "Services {DATE_MONTH_YEAR}: {CPT} x{?1|2|4}.\n"
            ),
        ],
    ),
    (
        "social_work_note",
        &[
            concat!(
                "{?Social Work Note|SW PROGRESS NOTE|Case Management} - {VISIT_DATE}\n",
                "{%Met with {PT_FIRST} and {PT_HIS} {REL_ROLE} {REL_FULL}. |{PT_HE} {?is staying at|was evicted from} {PT_ADDRESS}. |{?Applied for SSI; SSN {SSN} verified.|Medicaid renewal due {DATE_MONTH_YEAR}; ID {HEALTH_PLAN_ID}.|Employer: {FACILITY}, employee ID {ID}.} |{~{PT_HIS} car ({?plate {PLATE}|VIN {VIN}}) was impounded {RELATIVE_DATE}. }|{~Probation officer {PERSON}, case # {ID}, phone {PHONE}. }|{~{PT_HE} moved from {COUNTRY} in {YEAR} and has family in {STATE}. }|{~Passport {?no.|#|number} {PASSPORT} is held by the shelter in {NEIGHBORHOOD}. }}\n",
                "Plan: {?housing referral|follow up {NEXT_DATE}|call {REL} at {PHONE}}. {STAFF}, {?LCSW|MSW|CM}\n"
            ),
            concat!(
                "CASE NOTE {DATE}\nClient {PT_CAPS} ({PT_AGE}) {?| DOB {PT_DOB}}\n",
                "Court date {DATE_DAY_MONTH} in {COUNTY}. {?Public defender {PERSON}.|Guardian: {REL_FULL}.} ",
                "{?Voiceprint ID {ID} registered for the phone line.|Badge # {ID} issued for the program.|Study ID {ID} (consented {DATE}).}\n",
                "Resources emailed to {PT_EMAIL}; website {URL}.\n"
            ),
        ],
    ),
    (
        "telehealth_note",
        &[
            concat!(
                "TELEHEALTH VISIT {VISIT_DATE}\nPlatform: {?Zoom|Doxy.me|Teams} - link {URL}\n",
                "Patient located at {?home|work} in {?{PT_CITY}, {PT_STATE}|{PT_STATE}}; connection from {IP}.\n",
                "Consent obtained from {PT_FULL}. {?{PT_HIS} {REL_ROLE} {REL} joined.|Alone for the visit.}\n",
                hpi!(), "\n", plan!(), "{DR_SIG}\n"
            ),
        ],
    ),
    (
        "intake_form",
        &[
            concat!(
                "{?NEW CLIENT FORM|Registration Form|PATIENT INFORMATION SHEET|Client Information}\n",
                "{%{?Patient name|Client|Full name|Name (Last, First)}: {?{PT_CAPS}|{PT_FULL}}\n|",
                "{?Date of birth|DOB|Birth date|D.O.B.}: {PT_DOB}\n|",
                "{?Age|Current age}: {PT_AGE_NUM}\n|",
                "{?Chart #|Patient ID|MRN|Record no.|Med Rec No}: {PT_MRN}\n|",
                "{?Encounter #|Visit ID|FIN|CSN}: {ID}\n|",
                "{?Cell|Mobile|Home phone|Best number|Contact #}: {PT_PHONE}\n|",
                "{?Work phone|Alt phone|Other #}: {PHONE}\n|",
                "{?E-mail|Email address|email}: {PT_EMAIL}\n|",
                "{?Street|Home address|Mailing address}: {PT_ADDRESS}\n|",
                "{?Guardian|Emergency contact|Next of kin|Health care proxy}: {REL_FULL}, {REL_ROLE}, {PHONE}\n|",
                "{?Primary care|PCP|Referring provider}: {DR_ANY}{~, {FACILITY}}\n|",
                "{?Insurance ID|Member #|Medicaid ID|Medicare #|Policy no.|Subscriber ID}: {HEALTH_PLAN_ID}\n|",
                "{?Guarantor account|Billing account|Acct no.}: {ACCOUNT}\n|",
                "{?SSN|Social Security #|SS#}: {?{SSN}|{SSN_LAST4}}\n|",
                "{~{?Driver's license|DL #|State ID}: {LICENSE}\n}|",
                "{~{?Employer|Work}: {FACILITY}, employee ID {ID}\n}|",
                "{~Preferred pharmacy: {FACILITY}, fax {FAX}\n}|",
                "{~Country of birth: {COUNTRY}; in the US since {YEAR}\n}|",
                "{~State of residence: {PT_STATE}\n}}",
                "{?Signature|Signed}: {PT_FULL}   {?Date|Dated}: {VISIT_DATE}\n",
                "{~Reviewed by {STAFF} {RELATIVE_DATE}.\n}"
            ),
            concat!(
                "{PT_FULL} called {RELATIVE_DATE} to update {PT_HIS} details: ",
                "{%new cell {PT_PHONE}; |new address {PT_ADDRESS}; |email {PT_EMAIL}; |insurance changed to {?Aetna|Molina|Medicaid}, ID {HEALTH_PLAN_ID}; |{~{PT_HIS} {REL_ROLE} {REL} can pick up prescriptions; }}",
                "chart {PT_MRN} updated by {STAFF} on {VISIT_DATE}.\n"
            ),
        ],
    ),
    (
        "geriatric_note",
        &[
            concat!(
                "GERIATRIC PSYCHIATRY {?NOTE|FOLLOW-UP}\n{PT_FULL} is {PT_AGE} {?widow|widower|resident} of {FACILITY}, ",
                "born {PT_DOB}, {?seen|evaluated} for {?cognitive decline|{EPONYM}|late-life depression}. ",
                "{%{PT_HIS} {REL_ROLE} {REL_FULL} ({PHONE}) {?is HCP|visits {RELATIVE_DATE}}. |MoCA {?18|21|24}/30. |{MEDICATION}. |{~{PT_HE} was born in {PT_BIRTH_YEAR} in {COUNTRY}. }}\n",
                "{DR_SIG}\n"
            ),
        ],
    ),
];

/// The note kinds the generator writes.
///
/// # Example
/// ```
/// assert!(phimask_corpora::kinds().len() >= 12);
/// ```
pub fn kinds() -> Vec<&'static str> {
    KINDS.iter().map(|(k, _)| *k).collect()
}

fn mix(seed: u64, i: u64) -> u64 {
    // SplitMix64 over (seed, index): independent streams per note.
    let mut z = seed
        ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(0x632B_E59B_D9B4_E019);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Generates `count` annotated notes, deterministically for `seed`. Kinds
/// rotate so every kind appears; each note picks a template, wording,
/// sentence order, header style and noise (CRLF line endings, tabs, double
/// spaces) from its own seeded stream.
///
/// # Example
/// ```
/// let a = phimask_corpora::generate(7, 20);
/// assert_eq!(a, phimask_corpora::generate(7, 20));
/// assert_eq!(a.len(), 20);
/// assert!(a.iter().all(|n| !n.phi.is_empty()));
/// ```
pub fn generate(seed: u64, count: usize) -> Vec<Note> {
    let formats = ValueFormats::new();
    (0..count)
        .map(|i| {
            let s = mix(seed, i as u64);
            let mut pre = ChaCha8Rng::seed_from_u64(s ^ 0xA5A5);
            let (kind, templates) = KINDS[i % KINDS.len()];
            let t = templates[pre.random_range(0..templates.len())];
            let noise = Noise::random(&mut pre);
            let mut ctx = Ctx::new(s, &formats, noise);
            if kind == "geriatric_note" {
                ctx.make_patient_old();
            }
            // Templates are constants tested below; a failure here is a bug.
            let rendered = ctx.render(t, 0);
            debug_assert!(rendered.is_ok());
            let crlf = ctx.rng.random_bool(0.15);
            let mut note = ctx.finish(format!("gen-{seed}-{i:05}"), kind.to_owned());
            if crlf {
                to_crlf(&mut note);
            }
            note
        })
        .collect()
}

/// Rewrites `\n` as `\r\n` and moves every offset accordingly.
fn to_crlf(note: &mut Note) {
    let mut shift = Vec::with_capacity(note.text.len() + 1);
    let mut out = String::with_capacity(note.text.len() + 64);
    let mut added = 0;
    for (b, c) in note.text.char_indices() {
        while shift.len() <= b {
            shift.push(added);
        }
        if c == '\n' {
            out.push('\r');
            added += 1;
        }
        out.push(c);
    }
    while shift.len() <= note.text.len() {
        shift.push(added);
    }
    let map = |o: usize| o + shift[o];
    for a in note.phi.iter_mut().chain(note.keep.iter_mut()) {
        a.start = map(a.start);
        a.end = map(a.end);
        for o in &mut a.optional {
            o[0] = map(o[0]);
            o[1] = map(o[1]);
        }
    }
    note.text = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_template_renders() {
        let f = ValueFormats::new();
        for (kind, ts) in KINDS {
            for (k, t) in ts.iter().enumerate() {
                for seed in 0..30 {
                    let mut ctx = Ctx::new(seed, &f, Noise::none());
                    ctx.render(t, 0)
                        .unwrap_or_else(|e| panic!("{kind}[{k}]: {e}"));
                }
            }
        }
    }

    #[test]
    fn annotations_are_sane() {
        let notes = generate(42, 400);
        let mut kinds = BTreeSet::new();
        for n in &notes {
            kinds.insert(n.kind.clone());
            let mut spans: Vec<(usize, usize)> = n.phi.iter().map(|a| (a.start, a.end)).collect();
            spans.sort();
            for w in spans.windows(2) {
                assert!(w[0].1 <= w[1].0, "{}: overlapping phi", n.id);
            }
            for a in n.phi.iter().chain(&n.keep) {
                let s = n.slice(a).unwrap();
                assert!(!s.is_empty(), "{}", n.id);
                assert_eq!(s.trim(), s, "{} {:?}", n.id, a);
                for o in &a.optional {
                    assert!(a.start <= o[0] && o[1] <= a.end);
                }
                // Every PHI span has something required.
                if n.phi.contains(a) {
                    let req = s.char_indices().any(|(b, c)| {
                        c.is_alphanumeric()
                            && !a
                                .optional
                                .iter()
                                .any(|o| o[0] <= a.start + b && a.start + b < o[1])
                    });
                    assert!(req, "{} {:?} {s}", n.id, a);
                }
            }
            for k in &n.keep {
                assert!(
                    !n.phi.iter().any(|p| p.start < k.end && k.start < p.end),
                    "{}",
                    n.id
                );
            }
        }
        assert_eq!(kinds.len(), KINDS.len());
        assert!(notes.iter().any(|n| n.text.contains("\r\n")));
        assert!(notes.iter().any(|n| n.text.contains('\t')));
        assert!(notes.iter().any(|n| n.text.contains("  ")));
        assert!(notes.iter().any(|n| !n.text.is_ascii()));
    }

    #[test]
    fn crlf_moves_offsets() {
        let f = ValueFormats::new();
        let mut ctx = Ctx::new(1, &f, Noise::none());
        ctx.render("a\n{PERSON}\n\n{STATE}", 0).unwrap();
        let mut n = ctx.finish("x".into(), "k".into());
        let before: Vec<String> = n
            .phi
            .iter()
            .chain(&n.keep)
            .map(|a| n.slice(a).unwrap().to_owned())
            .collect();
        to_crlf(&mut n);
        let after: Vec<String> = n
            .phi
            .iter()
            .chain(&n.keep)
            .map(|a| n.slice(a).unwrap().to_owned())
            .collect();
        assert_eq!(before, after);
        assert!(n.text.starts_with("a\r\n"));
    }
}
