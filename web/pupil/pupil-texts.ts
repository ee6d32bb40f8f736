/** The pupil page's own texts (the questionnaire carries its own translations). */
export type PupilLocale = 'da' | 'en' | 'ar' | 'uk'

export interface PupilTexts {
  languageName: string
  languageLabel: string
  title: string
  intro: string[]
  codeLabel: string
  codeHint: string
  start: string
  starting: string
  unknownCode: string
  notOpen: string
  closed: string
  tooMany: string
  offlineStart: string
  classLine: (school: string, classLabel: string) => string
  savedOnServer: string
  savedOnDevice: string
  saving: string
  sending: string
  sendFailed: string
  readAloud: string
  stopReading: string
  thanksTitle: string
  thanks: string
  helpTitle: string
  help: string[]
  newPupil: string
}

export const pupilTexts: Record<PupilLocale, PupilTexts> = {
  da: {
    languageName: 'Dansk',
    languageLabel: 'Sprog',
    title: 'Spørgeskema om trivsel for 7.–9. klasse',
    intro: [
      'Vi vil gerne vide, hvordan unge i kommunen har det – i skolen, derhjemme, med vennerne og i fritiden.',
      'Du er anonym. Vi spørger ikke om dit navn, og vi gemmer intet, der kan vise, at det er dig. Ingen lærer eller forælder kan se dine svar.',
      'Det er frivilligt. Du må springe spørgsmål over, og du må stoppe når som helst.',
      'Svarene bruges til at gøre skoler, klubber og kommunen bedre for unge. Resultater vises kun for grupper af elever – aldrig for én elev.',
    ],
    codeLabel: 'Klassekode',
    codeHint: 'Koden står på tavlen, fx K7M-4QX-9TB.',
    start: 'Start',
    starting: 'Et øjeblik …',
    unknownCode: 'Koden virker ikke. Tjek koden på tavlen og prøv igen.',
    notOpen: 'Spørgeskemaet er ikke åbnet endnu. Spørg din lærer.',
    closed: 'Spørgeskemaet er lukket. Tak for din hjælp!',
    tooMany: 'Der er prøvet for mange forkerte koder. Vent et par minutter og prøv igen.',
    offlineStart: 'Der er ingen forbindelse til internettet. Prøv igen om lidt.',
    classLine: (school, label) => `Du svarer for ${label} på ${school}.`,
    savedOnServer: 'Dine svar er gemt.',
    savedOnDevice: 'Dine svar er gemt på enheden. De bliver sendt, når der er forbindelse igen.',
    saving: 'Gemmer …',
    sending: 'Sender dine svar … Luk ikke siden.',
    sendFailed: 'Dine svar kunne ikke sendes. Sig det til din lærer.',
    readAloud: 'Læs op',
    stopReading: 'Stop oplæsning',
    thanksTitle: 'Tak for dine svar!',
    thanks: 'Dine svar er sendt. De hjælper med at gøre hverdagen bedre for unge.',
    helpTitle: 'Har spørgsmålene sat noget i gang hos dig?',
    help: [
      'Tal med en voksen, du er tryg ved – fx en lærer, en AKT-vejleder eller sundhedsplejersken på skolen.',
      'Ring eller skriv til BørneTelefonen fra Børns Vilkår på 116 111 (gratis og anonymt, hele døgnet) eller på bornetelefonen.dk.',
    ],
    newPupil: 'Færdig – klar til næste elev',
  },
  en: {
    languageName: 'English',
    languageLabel: 'Language',
    title: 'Wellbeing questionnaire for grades 7–9',
    intro: [
      'We want to know how young people in the municipality are doing – at school, at home, with friends and in their free time.',
      'You are anonymous. We do not ask for your name, and we store nothing that can show it is you. No teacher or parent can see your answers.',
      'Taking part is voluntary. You may skip questions, and you may stop at any time.',
      'The answers are used to make schools, clubs and the municipality better for young people. Results are only shown for groups of pupils – never for one pupil.',
    ],
    codeLabel: 'Class code',
    codeHint: 'The code is on the board, e.g. K7M-4QX-9TB.',
    start: 'Start',
    starting: 'One moment …',
    unknownCode: 'This code does not work. Check the code on the board and try again.',
    notOpen: 'The questionnaire has not opened yet. Ask your teacher.',
    closed: 'The questionnaire has closed. Thank you for your help!',
    tooMany: 'Too many wrong codes were tried. Wait a few minutes and try again.',
    offlineStart: 'There is no internet connection. Try again in a moment.',
    classLine: (school, label) => `You are answering for ${label} at ${school}.`,
    savedOnServer: 'Your answers are saved.',
    savedOnDevice:
      'Your answers are saved on this device. They will be sent when the connection is back.',
    saving: 'Saving …',
    sending: 'Sending your answers … Do not close the page.',
    sendFailed: 'Your answers could not be sent. Tell your teacher.',
    readAloud: 'Read aloud',
    stopReading: 'Stop reading',
    thanksTitle: 'Thank you for your answers!',
    thanks: 'Your answers have been sent. They help make everyday life better for young people.',
    helpTitle: 'Did the questions bring something up for you?',
    help: [
      'Talk to an adult you trust – for example a teacher, a counsellor or the school nurse.',
      'Call or write to BørneTelefonen from Børns Vilkår on 116 111 (free and anonymous, day and night) or at bornetelefonen.dk.',
    ],
    newPupil: 'Done – ready for the next pupil',
  },
  ar: {
    languageName: 'العربية',
    languageLabel: 'اللغة',
    title: 'استبيان عن الرفاهية للصفوف 7–9',
    intro: [
      'نريد أن نعرف كيف حال الشباب في البلدية – في المدرسة وفي البيت ومع الأصدقاء وفي وقت الفراغ.',
      'أنت مجهول الهوية. لا نسأل عن اسمك، ولا نحفظ أي شيء يدل على أنك أنت. لا يستطيع أي معلم أو والد أن يرى إجاباتك.',
      'المشاركة اختيارية. يمكنك تخطي الأسئلة، ويمكنك التوقف في أي وقت.',
      'تُستخدم الإجابات لجعل المدارس والنوادي والبلدية أفضل للشباب. تُعرض النتائج لمجموعات من التلاميذ فقط – ولا تُعرض أبدًا لتلميذ واحد.',
    ],
    codeLabel: 'رمز الصف',
    codeHint: 'الرمز مكتوب على السبورة، مثلًا K7M-4QX-9TB.',
    start: 'ابدأ',
    starting: 'لحظة من فضلك …',
    unknownCode: 'هذا الرمز لا يعمل. تحقق من الرمز على السبورة وحاول مرة أخرى.',
    notOpen: 'الاستبيان لم يُفتح بعد. اسأل معلمك.',
    closed: 'الاستبيان مغلق. شكرًا لمساعدتك!',
    tooMany: 'تمت تجربة رموز خاطئة كثيرة. انتظر بضع دقائق وحاول مرة أخرى.',
    offlineStart: 'لا يوجد اتصال بالإنترنت. حاول مرة أخرى بعد قليل.',
    classLine: (school, label) => `أنت تجيب عن الصف ${label} في ${school}.`,
    savedOnServer: 'تم حفظ إجاباتك.',
    savedOnDevice: 'إجاباتك محفوظة على هذا الجهاز. سيتم إرسالها عندما يعود الاتصال.',
    saving: 'جارٍ الحفظ …',
    sending: 'جارٍ إرسال إجاباتك … لا تغلق الصفحة.',
    sendFailed: 'تعذّر إرسال إجاباتك. أخبر معلمك.',
    readAloud: 'اقرأ بصوت عالٍ',
    stopReading: 'أوقف القراءة',
    thanksTitle: 'شكرًا على إجاباتك!',
    thanks: 'تم إرسال إجاباتك. إنها تساعد على جعل الحياة اليومية أفضل للشباب.',
    helpTitle: 'هل أثارت الأسئلة شيئًا في نفسك؟',
    help: [
      'تحدث مع شخص بالغ تثق به – مثلًا معلم أو مرشد أو ممرضة المدرسة.',
      'اتصل أو اكتب إلى BørneTelefonen (هاتف الأطفال) من Børns Vilkår على الرقم 116 111 (مجاني وبدون ذكر الاسم، ليلًا ونهارًا) أو على bornetelefonen.dk.',
    ],
    newPupil: 'انتهيت – جاهز للتلميذ التالي',
  },
  uk: {
    languageName: 'Українська',
    languageLabel: 'Мова',
    title: 'Опитування про самопочуття для 7–9 класів',
    intro: [
      'Ми хочемо знати, як почуваються молоді люди в муніципалітеті – у школі, вдома, з друзями та у вільний час.',
      'Ти анонімний/анонімна. Ми не питаємо твого імені й не зберігаємо нічого, що може показати, що це ти. Жоден учитель чи батьки не бачать твоїх відповідей.',
      'Участь добровільна. Можна пропускати питання і можна зупинитися будь-коли.',
      'Відповіді допомагають зробити школи, клуби й муніципалітет кращими для молоді. Результати показують лише для груп учнів – ніколи для одного учня.',
    ],
    codeLabel: 'Код класу',
    codeHint: 'Код написаний на дошці, наприклад K7M-4QX-9TB.',
    start: 'Почати',
    starting: 'Хвилинку …',
    unknownCode: 'Цей код не працює. Перевір код на дошці й спробуй ще раз.',
    notOpen: 'Опитування ще не відкрите. Запитай учителя.',
    closed: 'Опитування закрите. Дякуємо за допомогу!',
    tooMany: 'Було введено забагато неправильних кодів. Зачекай кілька хвилин і спробуй ще раз.',
    offlineStart: 'Немає підключення до інтернету. Спробуй ще раз трохи згодом.',
    classLine: (school, label) => `Ти відповідаєш за клас ${label}, ${school}.`,
    savedOnServer: 'Твої відповіді збережено.',
    savedOnDevice:
      'Твої відповіді збережено на цьому пристрої. Їх надішлють, коли з’явиться зв’язок.',
    saving: 'Збереження …',
    sending: 'Надсилаємо твої відповіді … Не закривай сторінку.',
    sendFailed: 'Не вдалося надіслати відповіді. Скажи вчителю.',
    readAloud: 'Прочитати вголос',
    stopReading: 'Зупинити читання',
    thanksTitle: 'Дякуємо за відповіді!',
    thanks: 'Твої відповіді надіслано. Вони допомагають зробити щоденне життя молоді кращим.',
    helpTitle: 'Питання щось у тобі зачепили?',
    help: [
      'Поговори з дорослим, якому довіряєш, – наприклад, з учителем, шкільним консультантом або шкільною медсестрою.',
      'Зателефонуй або напиши до BørneTelefonen (дитячий телефон довіри) від Børns Vilkår: 116 111 (безкоштовно й анонімно, цілодобово) або на bornetelefonen.dk.',
    ],
    newPupil: 'Готово – для наступного учня',
  },
}

export const SPEECH_LANG: Record<PupilLocale, string> = {
  da: 'da-DK',
  en: 'en-GB',
  ar: 'ar',
  uk: 'uk-UA',
}
export const PUPIL_LOCALE_LIST: PupilLocale[] = ['da', 'en', 'ar', 'uk']
export const isRtl = (locale: PupilLocale): boolean => locale === 'ar'
